package dev.runbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On GitHub Actions a run appends its Markdown summary to GITHUB_STEP_SUMMARY. Started through
 * bin/runbook with the variable set, as the runner does, from a directory without templates/: the
 * summary comes from the templates bundled in the jar.
 */
class StepSummaryIT {

    @TempDir
    Path dir;

    private int run(Path summary, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java.util.stream.Stream.concat(
                java.util.stream.Stream.of(Path.of("bin/runbook").toAbsolutePath().toString()),
                java.util.stream.Stream.of(args)).toList()).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        if (summary != null) {
            builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        } else {
            builder.environment().remove("GITHUB_STEP_SUMMARY");
        }
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    @Test
    void aRunAppendsItsSummaryToTheStepSummaryFile() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), """
                format: 1
                name: nightly
                steps:
                  - { id: build, action: exec, with: { cmd: [echo, built] } }
                  - { id: test, action: exec, with: { shell: "echo 'boom <b>' >&2; exit 2" } }
                """);
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "## earlier step\n");
        assertThat(run(summary, "run", "r.yaml", "--state", "state")).isEqualTo(1);
        String text = Files.readString(summary, StandardCharsets.UTF_8);
        assertThat(text).startsWith("## earlier step\n## ❌ nightly: failed")
                .contains("| ✅ | build | succeeded | 1 |").contains("| ❌ | test | failed | 1 |")
                .contains("boom <b>").contains("<details><summary>test: failed</summary>");
        Path untouched = dir.resolve("untouched.md");
        assertThat(run(null, "run", "r.yaml", "--state", "state")).isEqualTo(1);
        assertThat(untouched).doesNotExist();
        assertThat(Files.readString(dir.resolve("err.txt"))).doesNotContain("warning");
    }
}
