package dev.runbook.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git step never runs a program named git: JGit is told where the system config is instead of asking git. */
class GitSystemConfigTest {

    @TempDir
    Path dir;

    @Test
    void aResetRunsNoGitFromPathEvenWhenOneIsFirstThere() throws Exception {
        Path work = dir.resolve("repo");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("app.py"), "v1\n");
            git.add().addFilepattern("app.py").call();
            git.commit().setMessage("v1").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
            git.tag().setName("v1").call();
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path marker = dir.resolve("git-was-run");
        Path fake = Files.writeString(bin.resolve("git"), "#!/bin/sh\necho \"$@\" >> " + marker + "\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runbook = Files.writeString(dir.resolve("reset.yaml"), """
                format: 1
                name: reset
                steps:
                  - { id: reset, action: git.reset, with: { repo: %s, ref: v1, mode: hard } }
                """.formatted(work));

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.runbook.cli.Main", "run", runbook.toString(), "--yes", "--state", dir.resolve("state").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        builder.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        builder.environment().remove("GIT_CONFIG_NOSYSTEM");
        Process child = builder.start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(Files.readString(dir.resolve("out"))).isZero();
        assertThat(marker).as("a program named git was run").doesNotExist();
    }

    @Test
    void theSystemConfigIsWhatGitReads() {
        assertThat(GitSystemConfig.file(Map.of())).isEqualTo(new File("/etc/gitconfig"));
        assertThat(GitSystemConfig.file(Map.of("GIT_CONFIG_SYSTEM", "/opt/git/etc/gitconfig")))
                .isEqualTo(new File("/opt/git/etc/gitconfig"));
        assertThat(GitSystemConfig.file(Map.of("GIT_CONFIG_SYSTEM", ""))).isEqualTo(new File("/etc/gitconfig"));
    }
}
