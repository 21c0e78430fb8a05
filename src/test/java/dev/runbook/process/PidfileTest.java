package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** process.stop by pidfile, and why a pid alone is not trusted. */
class PidfileTest {

    @TempDir
    Path dir;

    private final String seconds = Live.uniqueSleep();
    private Process sleeper;

    @AfterEach
    void stop() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void writesOnePidAndANewlineAndLeavesNoTemporaryFile() throws Exception {
        Path pidfile = dir.resolve("run/server.pid");
        Pidfile.write(pidfile, 4711);
        Pidfile.write(pidfile, 4712);

        assertThat(Files.readString(pidfile)).isEqualTo("4712\n");
        try (var files = Files.list(pidfile.getParent())) {
            assertThat(files).containsExactly(pidfile);
        }
    }

    @Test
    void stopsTheProcessItNamesAndRemovesThePidfile() throws Exception {
        sleeper = new ProcessBuilder("sleep", seconds).start();
        Path pidfile = dir.resolve("server.pid");
        Pidfile.write(pidfile, sleeper.pid());

        StopResult result = new ProcessStopper(Duration.ofSeconds(5)).stopPidfile(pidfile);

        assertThat(result.ok()).isTrue();
        assertThat(result.pids()).containsExactly(sleeper.pid());
        assertThat(sleeper.waitFor()).isEqualTo(143);
        assertThat(pidfile).doesNotExist();
    }

    @Test
    void aMissingPidfileOrADeadPidIsNothingToStop() throws Exception {
        ProcessStopper stopper = new ProcessStopper(Duration.ofSeconds(1));
        StopResult missing = stopper.stopPidfile(dir.resolve("none.pid"));
        assertThat(missing.ok()).isTrue();
        assertThat(missing.pids()).isEmpty();
        assertThat(missing.notes()).containsExactly("no pidfile at " + dir.resolve("none.pid") + ": nothing to stop");

        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        Path stale = dir.resolve("stale.pid");
        Pidfile.write(stale, done.pid());
        StopResult dead = stopper.stopPidfile(stale);
        assertThat(dead.ok()).isTrue();
        assertThat(dead.pids()).isEmpty();
        assertThat(dead.notes().get(0)).isEqualTo("pid " + done.pid() + " from " + stale + " is not running");
    }

    @Test
    void aPidThatStartedAfterThePidfileWasWrittenIsAnotherProcessAndIsLeftAlone() throws Exception {
        sleeper = new ProcessBuilder("sleep", seconds).start();
        Path pidfile = dir.resolve("restored.pid");
        Pidfile.write(pidfile, sleeper.pid());
        // As if restored from a backup made an hour ago: the pid it names has been reused since.
        Files.setLastModifiedTime(pidfile, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        StopResult result = new ProcessStopper(Duration.ofSeconds(1)).stopPidfile(pidfile);

        assertThat(result.pids()).isEmpty();
        assertThat(result.notes().get(0)).contains("after the file was written").contains("sleep " + seconds)
                .endsWith("left alone");
        assertThat(sleeper.isAlive()).isTrue();
        assertThat(pidfile).exists();
    }

    @Test
    void textThatIsNotAPidIsAnError() throws Exception {
        Path pidfile = dir.resolve("garbage.pid");
        Files.writeString(pidfile, "server is running\n");

        assertThatThrownBy(() -> Pidfile.read(pidfile)).isInstanceOf(IOException.class)
                .hasMessage(pidfile + " does not hold a pid: 'server is running'");
    }
}
