package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** process.stop by pattern: TERM, grace, KILL, confirmed gone. */
class ProcessStopperTest {

    private final String a = Live.uniqueSleep();
    private final String b = Live.uniqueSleep();

    @AfterEach
    void cleanUp() {
        Live.cleanUp(Pattern.compile(Pattern.quote(a)), Pattern.compile(Pattern.quote(b)));
    }

    @Test
    void aProcessThatObeysTermStopsWithoutKill() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", a).start();
        Live.awaitRunning(Live.sleeping(a), 1);

        StopResult result = new ProcessStopper(Duration.ofSeconds(5)).stopMatching(List.of(Live.sleeping(a)));

        assertThat(result.ok()).isTrue();
        assertThat(result.pids()).containsExactly(sleeper.pid());
        assertThat(result.ending().killed()).isEmpty();
        assertThat(sleeper.waitFor()).isEqualTo(143);
    }

    @Test
    void aProcessThatIgnoresTermIsKilledAfterTheGrace() throws Exception {
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; exec sleep " + a).start();
        Live.awaitRunning(Live.sleeping(a), 1);
        long start = System.nanoTime();

        StopResult result = new ProcessStopper(Duration.ofMillis(400)).stopMatching(List.of(Live.sleeping(a)));

        assertThat(Live.millisSince(start)).isBetween(400L, 2500L);
        assertThat(result.ok()).isTrue();
        assertThat(result.pids()).containsExactly(stubborn.pid());
        assertThat(result.ending().killed()).containsExactly(stubborn.pid());
        assertThat(stubborn.waitFor()).isEqualTo(137);
        Live.assertNoneRunning(Live.sleeping(a));
    }

    @Test
    void aTargetLeadingItsGroupPassesTermToTheGroupAndOrphansAreKilled() throws Exception {
        // setsid makes the shell a group leader, as process.start does; the shell does not pass TERM on.
        new ProcessBuilder("setsid", "sh", "-c", "sleep " + a + "; echo " + b).start();
        ProcessInfo shell = Live.awaitRunning(Pattern.compile("^sh -c sleep " + Pattern.quote(a)), 1).get(0);
        ProcessInfo child = Live.awaitRunning(Live.sleeping(a), 1).get(0);
        assertThat(child.pgrp()).isEqualTo(shell.pid());

        StopResult result = new ProcessStopper(Duration.ofSeconds(5))
                .stopMatching(List.of(Pattern.compile("^sh -c sleep " + Pattern.quote(a))));

        assertThat(result.ok()).isTrue();
        assertThat(result.pids()).containsExactly(shell.pid());
        assertThat(result.ending().termed()).contains(shell.pid(), child.pid());
        assertThat(result.ending().killed()).isEmpty();
        Live.assertNoneRunning(Live.sleeping(a));
    }

    @Test
    void workersLeftBehindByAParentThatObeyedTermGetTermThemselves() throws Exception {
        Process parent = new ProcessBuilder("sh", "-c", "sleep " + b + " & exec sleep " + a).start();
        Live.awaitRunning(Live.sleeping(a), 1);
        ProcessInfo worker = Live.awaitRunning(Live.sleeping(b), 1).get(0);
        long start = System.nanoTime();

        StopResult result = new ProcessStopper(Duration.ofSeconds(5)).stopMatching(List.of(Live.sleeping(a)));

        assertThat(Live.millisSince(start)).isLessThan(2000L);
        assertThat(result.ok()).isTrue();
        assertThat(result.ending().termed()).containsExactly(parent.pid(), worker.pid());
        assertThat(result.ending().killed()).isEmpty();
        Live.assertNoneRunning(Live.sleeping(b));
    }

    @Test
    void workersLeftBehindByAKilledParentAreKilledToo() throws Exception {
        // A parent that ignores TERM and a worker that ignores it too, in this JVM's group (no group
        // TERM): only the parent gets TERM; after the grace both are KILLed.
        Process parent = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep " + b + " & exec sleep " + a).start();
        Live.awaitRunning(Live.sleeping(a), 1);
        ProcessInfo worker = Live.awaitRunning(Live.sleeping(b), 1).get(0);

        StopResult result = new ProcessStopper(Duration.ofMillis(300)).stopMatching(List.of(Live.sleeping(a)));

        assertThat(result.ok()).isTrue();
        assertThat(result.ending().termed()).containsExactly(parent.pid());
        assertThat(result.ending().killed()).contains(parent.pid(), worker.pid());
        Live.assertNoneRunning(Live.sleeping(a), Live.sleeping(b));
    }

    @Test
    void nothingMatchingIsNotAnError() {
        StopResult result = new ProcessStopper(Duration.ofSeconds(1)).stopMatching(List.of(Live.sleeping(a)));

        assertThat(result.ok()).isTrue();
        assertThat(result.pids()).isEmpty();
        assertThat(result.notes()).containsExactly("no process matching " + Live.sleeping(a).pattern());
    }
}
