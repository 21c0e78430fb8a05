package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.support.SshdFleet;
import dev.runbook.support.SshdHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's live progress as an operator sees it: bin/runbook on a real terminal (a pty from
 * util-linux's `script`) against two real sshd hosts shows one live line per host in flight, with
 * its current step, redrawn in place below the permanent lines (a line per host as it ends, a
 * summary per wave); in a pipe the same run writes the permanent lines only, no escape sequences.
 */
class FleetConsoleIT {

    private static final String REDRAW = "\033[2F\033[J";   // up over two live lines, then clear below

    @TempDir
    Path dir;

    private SshdFleet fleet;

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void onATerminalEachHostInFlightHasALiveLineAndInAPipeThereIsNone() throws Exception {
        fleet = SshdFleet.start(dir.resolve("fleet"), 2);
        StringBuilder hosts = new StringBuilder("hosts:\n");
        for (SshdHost host : fleet.hosts()) {
            hosts.append("  ").append(host.name()).append(": {address: ").append(host.address()).append(", port: ")
                    .append(host.port()).append(", user: ").append(host.user()).append(", vars: {runbook_state: ")
                    .append(host.home().resolve("state")).append("}}\n");
        }
        Path inventory = Files.writeString(dir.resolve("hosts.yaml"), hosts);
        Path runbook = Files.writeString(dir.resolve("book.yaml"), """
                format: 1
                name: two-steps
                steps:
                  - { id: first, action: exec, with: { cmd: [/bin/true] } }
                  - { id: settle, needs: [first], action: wait, with: { duration: 1s } }
                """);
        String command = String.join(" ", List.of(Path.of("bin/runbook").toAbsolutePath().toString(), "run",
                runbook.toString(), "--inventory", inventory.toString(), "--ssh-dir", dir.resolve("fleet").toString(),
                "--yes", "--state", dir.resolve("controller").toString()));

        Path typed = dir.resolve("terminal.out");
        Process script = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectOutput(typed.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        assertThat(script.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String screen = Files.readString(typed, StandardCharsets.UTF_8);

        assertThat(script.exitValue()).as(screen).isZero();
        assertThat(screen).containsPattern("\\r?\\n  h1 +running 0s\\r?\\n").containsPattern("  h2 +running 0s")
                .containsPattern("  h[12] +step settle \\d+s").contains(REDRAW)
                .containsPattern("  h1 +succeeded +run \\d{8}-\\d{6}-[0-9a-f]{4} \\(")
                .contains("wave 1 done: 2 succeeded");
        // Nothing live is left at the end: the last lines are the summaries, not a host's live line.
        assertThat(screen.substring(screen.lastIndexOf("wave 1 done"))).doesNotContain("step settle");

        ProcessBuilder piped = new ProcessBuilder(command.split(" ")).redirectErrorStream(true);
        Path pipe = dir.resolve("pipe.out");
        Process plain = piped.redirectOutput(pipe.toFile()).start();
        assertThat(plain.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(pipe, StandardCharsets.UTF_8);
        assertThat(plain.exitValue()).as(text).isZero();
        assertThat(text).contains("wave 1 done: 2 succeeded").doesNotContain("\033").doesNotContain("step settle");
    }
}
