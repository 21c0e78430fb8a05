package dev.runbook.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet test support itself: real sshd servers reached with the real OpenSSH client, and their faults. */
class SshdFleetTest {

    @TempDir
    Path dir;

    private record Result(int code, String output) {
    }

    private static Result run(List<String> argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void eachHostRunsCommandsInItsOwnHomeOverRealSsh() throws Exception {
        try (SshdFleet fleet = SshdFleet.start(dir, 3)) {
            assertThat(fleet.hosts()).extracting(SshdHost::port).doesNotHaveDuplicates();
            for (SshdHost host : fleet.hosts()) {
                Result result = run(fleet.ssh(host, "pwd; echo \"$HOME\"; echo made > here; exit 3"));
                assertThat(result.code()).as(result.output()).isEqualTo(3);
                assertThat(result.output()).isEqualTo(host.home() + "\n" + host.home() + "\n");
                assertThat(host.home().resolve("here")).hasContent("made\n");
            }
            assertThat(Files.readAllLines(fleet.knownHosts())).hasSize(3)
                    .allMatch(line -> line.startsWith("[127.0.0.1]:") && line.contains(" ssh-ed25519 "));
        }
    }

    @Test
    void aHostThatIsDownRefusesTheKeyOrChangedItsKeyRunsNothing() throws Exception {
        try (SshdFleet fleet = SshdFleet.start(dir, 3)) {
            fleet.host(1).down();
            fleet.host(2).refuseKey();
            fleet.host(3).changeHostKey();

            Result down = run(fleet.ssh(fleet.host(1), "touch ran"));
            Result refused = run(fleet.ssh(fleet.host(2), "touch ran"));
            Result changed = run(fleet.ssh(fleet.host(3), "touch ran"));

            assertThat(down.code()).isEqualTo(255);
            assertThat(down.output()).contains("Connection refused");
            assertThat(refused.code()).isEqualTo(255);
            assertThat(refused.output()).contains("Permission denied (publickey)");
            assertThat(changed.code()).isEqualTo(255);
            assertThat(changed.output()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED", "Host key verification failed.");
            for (SshdHost host : fleet.hosts()) {
                assertThat(host.home().resolve("ran")).doesNotExist();
            }

            fleet.host(1).up();
            fleet.host(2).acceptKey();
            fleet.writeKnownHosts();   // the operator accepts host 3's new key
            for (SshdHost host : fleet.hosts()) {
                assertThat(run(fleet.ssh(host, "true")).code()).isZero();
            }
        }
    }

    @Test
    void droppedSessionsCutTheConnectionOfThatHostOnlyAndCloseLeavesNothingBehind() throws Exception {
        SshdFleet fleet = SshdFleet.start(2);
        Path root = fleet.sshDir();
        Process cut = new ProcessBuilder(fleet.ssh(fleet.host(1), "exec sleep 300")).start();
        Process kept = new ProcessBuilder(fleet.ssh(fleet.host(2), "exec sleep 301")).start();
        waitUntil(() -> fleet.host(1).commandLines().contains("sleep 300")
                && fleet.host(2).commandLines().contains("sleep 301"));

        assertThat(fleet.host(1).dropSessions()).isPositive();

        assertThat(cut.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(cut.exitValue()).isEqualTo(255);
        assertThat(kept.isAlive()).isTrue();
        assertThat(fleet.host(1).isUp()).isTrue();
        assertThat(run(fleet.ssh(fleet.host(1), "true")).code()).isZero();
        List<ProcessHandle> left = fleet.host(2).processes();
        assertThat(left).isNotEmpty();

        fleet.close();

        assertThat(kept.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(fleet.host(1).processes()).isEmpty();
        assertThat(fleet.host(2).processes()).isEmpty();
        waitUntil(() -> left.stream().noneMatch(ProcessHandle::isAlive));   // killed, and reaped by init
        assertThat(root).doesNotExist();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
