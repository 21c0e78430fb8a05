package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/runbook as a user starts it: from any directory, building the jar only when needed. */
class LauncherIT {

    private static final Path REPO = Path.of("").toAbsolutePath();

    @TempDir
    Path elsewhere;

    record Result(int code, String out, String err) {
    }

    private static Result run(Path launcher, Path cwd, String... args) throws Exception {
        return run(launcher, cwd, java.util.Map.of(), args);
    }

    private static Result run(Path launcher, Path cwd, java.util.Map<String, String> env, String... args)
            throws Exception {
        List<String> command = Stream.concat(Stream.of(launcher.toString()), Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.directory(cwd.toFile())
                .redirectOutput(cwd.resolve("out.txt").toFile()).redirectError(cwd.resolve("err.txt").toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), Files.readString(cwd.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(cwd.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void runsFromAnyDirectoryWithoutRebuildingAFreshJar() throws Exception {
        Path runbook = elsewhere.resolve("r.yaml");
        Files.writeString(runbook, "format: 1\nname: r\nsteps:\n  - id: a\n    action: wait\n    with: { duration: 1s }\n");
        Result result = run(REPO.resolve("bin/runbook"), elsewhere, "validate", "r.yaml");
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("r.yaml: ok (1 step, 0 scenarios)\n");
        assertThat(result.code()).isZero();
        Result invalid = run(REPO.resolve("bin/runbook"), elsewhere, "validate", "missing.yaml");
        assertThat(invalid.code()).isEqualTo(66);
    }

    @Test
    void aValueOutsideAsciiArrivesWholeUnderTheCLocale() throws Exception {
        Path marker = elsewhere.resolve("données-😀");
        Path runbook = Files.writeString(elsewhere.resolve("t.yaml"), "format: 1\nname: t\nparams:\n  marker: "
                + "{ type: path }\nsteps:\n  - { id: t, action: exec, with: { cmd: [touch, \"{{ params.marker }}\"] } }\n");
        Result result = run(REPO.resolve("bin/runbook"), elsewhere, java.util.Map.of("LC_ALL", "C", "LANG", "C"), "run",
                runbook.toString(), "--yes", "-p", "marker=" + marker, "--state", elsewhere.resolve("state").toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(marker).exists();
    }

    @Test
    void buildsTheJarWhenMissingAndAgainWhenASourceIsNewer() throws Exception {
        Path copy = elsewhere.resolve("repo");
        for (String part : List.of("pom.xml", "mvnw", ".mvn", "src/main", "bin")) {
            copyTree(REPO.resolve(part), copy.resolve(part));
        }
        Result first = run(copy.resolve("bin/runbook"), elsewhere, "--version");
        assertThat(first.err()).contains("runbook: building");
        assertThat(first.out()).startsWith("runbook ");
        assertThat(first.code()).isZero();

        Result second = run(copy.resolve("bin/runbook"), elsewhere, "--version");
        assertThat(second.err()).doesNotContain("building");
        assertThat(second.code()).isZero();
        // This build's SQLite library is kept beside the jar for its runs (not extracted to /tmp on every start).
        Path library = copy.resolve("target/native/libsqlitejdbc.so");
        assertThat(library).isNotEmptyFile();
        Files.writeString(elsewhere.resolve("one.yaml"), "format: 1\nname: one\nsteps:\n  - { id: a, action: exec, with: { cmd: [/bin/true] } }\n");
        long written = Files.getLastModifiedTime(library).toMillis();
        Result journaled = run(copy.resolve("bin/runbook"), elsewhere, "run", "one.yaml", "--state",
                elsewhere.resolve("state").toString());
        assertThat(journaled.code()).as(journaled.err()).isZero();
        assertThat(Files.getLastModifiedTime(library).toMillis()).as("written once per build").isEqualTo(written);

        Path source = copy.resolve("src/main/java/dev/runbook/cli/Version.java");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(5)));
        Result third = run(copy.resolve("bin/runbook"), elsewhere, "--version");
        assertThat(third.err()).contains("runbook: building");
        assertThat(third.code()).isZero();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
