package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runbook.cli.Main;
import dev.runbook.journal.SqliteNativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose steps start no command starts no process either: the real `runbook run`, traced with
 * strace, verifies a backup (SHA-256 by libcrypto through JNA), restores a file from it and resets a
 * git repository (JGit), and the only program executed is the JVM itself. Before, JNA's start ran
 * /sbin/ldconfig and JGit's first repository ran git twice.
 */
class NoChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void hashingRestoringAndAGitResetExecuteNoProgram() throws Exception {
        Path backup = Files.createDirectories(dir.resolve("backup"));
        Files.writeString(backup.resolve("app.conf"), "port = 8080\n");
        Files.writeString(backup.resolve("SHA256SUMS"), sha256(backup.resolve("app.conf")) + "  app.conf\n");
        Files.writeString(dir.resolve("app.conf"), "port = 9999\n");
        Path work = dir.resolve("repo");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("a.txt"), "one\n");
            git.add().addFilepattern("a.txt").call();
            git.commit().setMessage("one").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
            git.tag().setName("v1").call();
        }
        Path runbook = Files.writeString(dir.resolve("r.yaml"), """
                format: 1
                name: quiet
                steps:
                  - { id: verify, action: backup.verify, with: { dir: %1$s/backup } }
                  - { id: restore, action: file.restore, needs: [verify], with: { from: %1$s/backup/app.conf, to: %1$s/app.conf } }
                  - { id: reset, action: git.reset, needs: [restore], with: { repo: %1$s/repo, ref: v1, mode: hard } }
                """.formatted(dir));
        assertThat(Path.of("/usr/bin/strace")).as("strace, which bin/provision-tests installs").isExecutable();
        Path trace = dir.resolve("trace");
        // As bin/runbook and a fleet host start it: the SQLite library kept in a folder (extracting it,
        // sqlite-jdbc runs 'uname -o' to look for Android).
        Path library = Files.createDirectories(dir.resolve("lib"));
        SqliteNativeLibrary.main(new String[] {library.toString()});
        List<String> command = new java.util.ArrayList<>(List.of("strace", "-f", "-qq", "-e", "trace=execve", "-o",
                trace.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(SqliteNativeLibrary.options(library.toString())));
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), Main.class.getName(), "run", runbook.toString(), "--yes",
                "--state", dir.resolve("state").toString()));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile())
                .start();
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!Files.readString(dir.resolve("out")).contains("PTRACE"), "ptrace is not allowed here");
        assertThat(run.exitValue()).as(Files.readString(dir.resolve("out"))).isZero();
        assertThat(Files.readString(dir.resolve("app.conf"))).isEqualTo("port = 8080\n");

        Matcher exec = Pattern.compile("execve\\(\"([^\"]+)\".*= 0$", Pattern.MULTILINE).matcher(Files.readString(trace));
        List<String> programs = exec.results().map(m -> m.group(1)).toList();
        assertThat(programs).containsExactly(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
