package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live status line appears on a real terminal (a pty from util-linux's `script`) and never in
 * a pipe or a file, where carriage returns and escape codes would be noise.
 */
class StatusLineTest {

    private static final String CLEAR_LINE = "\r\u001b[K";

    @TempDir
    Path dir;

    private Path slowRunbook() throws Exception {
        Path file = dir.resolve("slow.yaml");
        Files.writeString(file, """
                format: 1
                name: slow
                steps:
                  - { id: slow-step, title: Wait a second, action: exec, with: { cmd: [sleep, "1"] } }
                """);
        return file;
    }

    @Test
    void onATerminalAStatusLineSaysWhatIsRunningAndIsWipedBeforeTheNextLine() throws Exception {
        Path file = slowRunbook();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", List.of(java, "-XX:+UseSerialGC", "-cp", classPath, Main.class.getName(),
                "run", file.toString(), "--state", dir.resolve("state").toString()));
        Path typed = dir.resolve("terminal.out");
        Process script = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .redirectOutput(typed.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String screen = Files.readString(typed, StandardCharsets.UTF_8);

        assertThat(script.exitValue()).as(screen).isZero();
        assertThat(screen).contains("… slow-step (Wait a second) running for 0.")// and colour is on, on a terminal
                .contains(CLEAR_LINE + "  \u001b[32msucceeded\u001b[0m slow-step (Wait a second) in ");
        // The line is gone by the end: the last thing printed is the summary, not a status line.
        assertThat(screen.strip()).endsWith("succeeded: 1 of 1 steps ran (exit 0)");
    }

    @Test
    void inAPipeThereIsNoStatusLine() throws Exception {
        Path file = slowRunbook();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", file.toString(), "--state", dir.resolve("state").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(code).isZero();
        assertThat(err.toString()).contains("succeeded slow-step").doesNotContain("\u001b").doesNotContain("\r")
                .doesNotContain("running for");
    }
}
