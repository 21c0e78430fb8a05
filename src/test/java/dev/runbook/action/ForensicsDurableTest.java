package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runbook.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new forensics folder is durable: the real `runbook run` is traced with strace, and the fsyncs it
 * made must include each new folder's parent (which holds the new name), the copies and the records.
 */
class ForensicsDurableTest {

    @TempDir
    Path dir;

    @Test
    void aNewForensicsFolderAndItsParentsAreFsyncedWithWhatWasCopied() throws Exception {
        assertThat(Path.of("/usr/bin/strace")).as("strace, which bin/provision-tests installs").isExecutable();
        Files.writeString(dir.resolve("app.log"), "the failure\n");
        Path runbook = dir.resolve("collect.yaml");
        Files.writeString(runbook, """
                format: 1
                name: collect
                steps:
                  - id: evidence
                    action: forensics.collect
                    with: { paths: [%s], to: %s }
                """.formatted(dir.resolve("app.log"), dir.resolve("evidence/2026/run1")));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path trace = dir.resolve("trace");
        List<String> command = new ArrayList<>(List.of("strace", "-f", "--seccomp-bpf", "-y", "-e", "trace=fsync",
                "-o", trace.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName(), "run",
                runbook.toString(), "--state", dir.resolve("state").toString()));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile())
                .start();
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!Files.readString(dir.resolve("out")).contains("PTRACE"), "ptrace is not allowed here");
        assertThat(run.exitValue()).as(Files.readString(dir.resolve("out"))).isZero();

        String fsyncs = Files.readString(trace);
        Path folder = dir.resolve("evidence/2026/run1");
        for (Path synced : List.of(dir, dir.resolve("evidence"), dir.resolve("evidence/2026"), folder,
                folder.resolve("MANIFEST.txt"), folder.resolve("SHA256SUMS"))) {
            assertThat(fsyncs).as("fsync of %s", synced).containsPattern("fsync\\(\\d+<"
                    + java.util.regex.Pattern.quote(synced.toRealPath().toString()) + ">");
        }
        Path copy = folder.toRealPath().resolve("app.log"); // kept under its short name at the folder's top
        assertThat(fsyncs).containsPattern("fsync\\(\\d+<" + java.util.regex.Pattern.quote(copy.toString()) + ">");
    }
}
