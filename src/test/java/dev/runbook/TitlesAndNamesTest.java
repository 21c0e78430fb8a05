package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.journal.Journal;
import dev.runbook.journal.StepRecord;
import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names people wrote stay with the steps: every step and undo action has its title (rendered,
 * secrets masked) in the journal, the console and show; files and folders made for undo actions
 * have no ':' in their names. Bundled report templates speak only of what the run has. Real runs
 * through the CLI on real files.
 */
class TitlesAndNamesTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    @Test
    void undoActionsHaveTitlesAndFileNamesWithoutColons() throws Exception {
        Path config = dir.resolve("app.conf");
        Files.writeString(config, "new\n");
        Files.writeString(dir.resolve("app.conf.orig"), "old\n");
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, """
                format: 1
                name: titled
                params:
                  token: { type: string, secret: true, default: "tok-9f8e7d" }
                steps:
                  - id: config
                    title: "Install the configuration for {{ params.token }}"
                    action: exec
                    with: { shell: "echo installed" }
                    undo:
                      - action: exec
                        title: "Tell the team ({{ params.token }})"
                        with: { shell: "echo undoing" }
                      - action: file.restore
                        with: { from: DIR/app.conf.orig, to: DIR/app.conf }
                  - id: break
                    title: Break on purpose
                    action: exec
                    on_error: rollback
                    with: { cmd: ["false"] }
                """.replace("DIR", dir.toString()));

        assertThat(cli.run("run", file.toString())).as(cli.err()).isEqualTo(4);
        String runId = cli.latestRun();
        assertThat(Files.readString(config)).isEqualTo("old\n");

        // Console: the title beside the id as each step starts and ends, undo actions included.
        assertThat(cli.err()).contains("▶ config  Install the configuration for ***")
                .contains("succeeded config (Install the configuration for ***) in ")
                .contains("failed break (Break on purpose) in ")
                .contains("↶ undo config  Install the configuration for ***")
                .contains("undone config:undo:1 (Tell the team (***)) in ")
                .contains("undone config:undo:2 (Undo 2: Install the configuration for ***) in ")
                .doesNotContain("tok-9f8e7d");

        // The journal keeps each attempt's title, masked.
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.steps(runId)).extracting(StepRecord::label).containsExactly(
                    "config (Install the configuration for ***)", "break (Break on purpose)",
                    "config:undo:1 (Tell the team (***))", "config:undo:2 (Undo 2: Install the configuration for ***)");
        }
        assertThat(cli.run("show", runId)).isZero();
        assertThat(cli.out()).contains("config:undo:1 (Tell the team (***)) #1 succeeded")
                .contains("break (Break on purpose) #1 failed");

        // Logs and what the restore kept aside are named without ':' (backup+undo+2, not backup:undo:2).
        List<String> names;
        try (Stream<Path> all = Files.walk(dir.resolve("state"))) {
            names = all.map(p -> dir.resolve("state").relativize(p).toString()).toList();
        }
        assertThat(names).noneMatch(n -> n.contains(":"))
                .contains("runs/" + runId + "/logs/config+undo+1.log")
                .contains("runs/" + runId + "/forensics/config+undo+2");
    }

    @Test
    void theBundledTemplatesSpeakOnlyOfWhatTheRunHas() throws Exception {
        Path file = dir.resolve("plain.yaml");
        Files.writeString(file, """
                format: 1
                name: rotate-logs
                steps:
                  - id: rotate
                    title: Rotate the logs
                    action: exec
                    with: { shell: "echo 'disk full' >&2; exit 1" }
                """);
        assertThat(cli.run("run", file.toString())).isEqualTo(1);
        String runId = cli.latestRun();

        for (String template : List.of("failure-report.md.peb", "post-mortem.md.peb", "run-summary.md.peb")) {
            assertThat(cli.run("report", runId, "--template", template)).as(cli.err()).isZero();
            assertThat(cli.out()).as(template).containsIgnoringCase("rotate")
                    .doesNotContainIgnoringCase("alembic").doesNotContainIgnoringCase("unit test")
                    .doesNotContainIgnoringCase("integration test").doesNotContain("PRAGMA")
                    .doesNotContainIgnoringCase("git ").doesNotContainIgnoringCase("health endpoint")
                    .doesNotContain("TMWS");
        }
        assertThat(cli.run("report", runId, "--format", "html")).isZero();
        assertThat(cli.out()).doesNotContainIgnoringCase("alembic").doesNotContainIgnoringCase("unit test");
    }
}
