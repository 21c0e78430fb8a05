package dev.runbook.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The up-front approval on a real terminal (a pty from util-linux's `script`), answered by a person:
 * the list shows each asking step's live preview and one question; No ends the run before its first
 * step with nothing changed, Yes runs every step without asking again.
 */
class ApprovalOnATerminalTest {

    @TempDir
    Path dir;

    private Path runbook() throws Exception {
        TaggedRepo.make(dir.resolve("repo"));
        Path file = dir.resolve("approve.yaml");
        Files.writeString(file, """
                format: 1
                name: approve-on-a-terminal
                steps:
                  - { id: mark, action: exec, with: { cmd: [touch, "DIR/marked"] } }
                  - { id: pause, needs: [mark], action: wait, with: { duration: 1ms }, confirm: "Pause now?" }
                  - { id: reset, needs: [pause], action: git.reset, with: { repo: "DIR/repo", ref: pre, mode: hard } }
                """.replace("DIR", dir.toString()));
        return file;
    }

    /** Runs the CLI on a pty, types {@code answer}, and returns what the terminal showed and the exit code. */
    private Typed onATerminal(Path file, String answer) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", List.of(java, "-XX:+UseSerialGC", "-cp", classPath, Main.class.getName(),
                "run", file.toString(), "--state", dir.resolve("state").toString()));
        Path typed = dir.resolve("terminal.out");
        Process script = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .redirectOutput(typed.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        script.getOutputStream().write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        script.getOutputStream().flush();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Typed(Files.readString(typed, StandardCharsets.UTF_8), script.exitValue());
    }

    private record Typed(String screen, int exitCode) {
    }

    @Test
    void noOnTheTerminalEndsTheRunBeforeItsFirstStepAndYesRunsEveryStepWithoutAskingAgain() throws Exception {
        Path file = runbook();
        String head = Files.readString(dir.resolve("repo/.git/refs/heads/main"));

        Typed declined = onATerminal(file, "n");

        assertThat(declined.exitCode()).as(declined.screen()).isEqualTo(6);
        assertThat(declined.screen()).contains("2 steps ask for confirmation; one answer approves them all")
                .contains("preview: would move branch main from ").contains("preview:   M code.py")
                .contains("Approve these 2 steps? [y/N]")
                .contains("not confirmed: no step ran, nothing was changed (exit 6)");
        assertThat(dir.resolve("marked")).doesNotExist();
        assertThat(Files.readString(dir.resolve("repo/.git/refs/heads/main"))).isEqualTo(head);

        Typed approved = onATerminal(file, "y");

        assertThat(approved.exitCode()).as(approved.screen()).isZero();
        assertThat(approved.screen()).contains("Approve these 2 steps? [y/N]").doesNotContain("Pause now? [y/N]")
                .doesNotContain("Run step");
        assertThat(dir.resolve("marked")).exists();
        assertThat(dir.resolve("repo/code.py")).hasContent("v = 1");
    }
}
