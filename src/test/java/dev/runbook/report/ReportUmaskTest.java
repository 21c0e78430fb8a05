package dev.runbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report is written like any file the user makes: its mode comes from the process's umask, not
 * a fixed 0600 that hid it from the team reading the forensics folder. Real child processes, each
 * started under its own umask.
 */
class ReportUmaskTest {

    @TempDir
    Path dir;

    @Test
    void reportsTakeTheModeTheProcesssUmaskGives() throws Exception {
        assertThat(render("022", "open")).isEqualTo("rw-r--r--");
        assertThat(render("027", "group")).isEqualTo("rw-r-----");
        assertThat(render("077", "private")).isEqualTo("rw-------");
    }

    private String render(String umask, String name) throws Exception {
        Path report = dir.resolve(name + "/SUMMARY.md");
        Path runbook = dir.resolve(name + ".yaml");
        Files.writeString(runbook, """
                format: 1
                name: %s
                steps:
                  - { id: pause, action: wait, with: { duration: 1ms } }
                  - id: summary
                    action: report.render
                    with: { template: run-summary.md.peb, to: "%s" }
                """.formatted(name, report));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The umask is set by sh, then exec'd into the JVM: the JVM's own umask, as a user's shell sets it.
        Process child = new ProcessBuilder(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh", java,
                "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName(), "run", runbook.toString(),
                "--state", dir.resolve("state-" + name).toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve(name + ".out"))).isZero();
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(report));
    }
}
