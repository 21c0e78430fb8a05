package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts and cancels end the whole process tree, not just the direct child. */
class CommandRunnerTreeTest {

    private final CommandRunner runner = new CommandRunner();
    private final String a = Live.uniqueSleep();
    private final String b = Live.uniqueSleep();
    private final Pattern sleepA = Live.sleeping(a);
    private final Pattern sleepB = Live.sleeping(b);

    @AfterEach
    void cleanUp() {
        Live.cleanUp(Pattern.compile("sleep " + Pattern.quote(a)), sleepB);
    }

    @Test
    void aTimeoutEndsTheShellAndItsBackgroundChildWithinTimeoutPlusGrace() throws Exception {
        Duration grace = Duration.ofSeconds(2);
        long start = System.nanoTime();
        RunningCommand running = runner.start(CommandSpec.shell("sleep " + a + " & sleep " + b)
                .withTimeout(Duration.ofSeconds(1)).withGrace(grace));
        Live.awaitRunning(sleepA, 1);
        Live.awaitRunning(sleepB, 1);

        CommandResult result = running.await();

        long took = Live.millisSince(start);
        assertThat(took).isBetween(1000L, 1000L + grace.toMillis());
        assertThat(result.timedOut()).isTrue();
        assertThat(result.interrupted()).isFalse();
        assertThat(result.ok()).isFalse();
        assertThat(result.exitCode()).isEqualTo(143);
        assertThat(running.ending().killed()).as("sleep and sh obey TERM: no KILL needed").isEmpty();
        assertThat(running.ending().termed()).hasSizeGreaterThanOrEqualTo(3);
        Live.assertNoneRunning(sleepA, sleepB);
    }

    @Test
    void processesThatIgnoreTermAreKilledAfterTheGrace() throws Exception {
        long start = System.nanoTime();
        RunningCommand running = runner.start(CommandSpec.shell("trap '' TERM; sleep " + a + " & sleep " + b)
                .withTimeout(Duration.ofMillis(500)).withGrace(Duration.ofMillis(500)));
        Live.awaitRunning(sleepA, 1);

        CommandResult result = running.await();

        assertThat(Live.millisSince(start)).isBetween(1000L, 3500L);
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(137);
        assertThat(running.ending().killed()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(running.ending().survivors()).isEmpty();
        Live.assertNoneRunning(sleepA, sleepB);
    }

    @Test
    void aGrandchildThatDaemonizedIsStillFoundThroughItsMarker() throws Exception {
        // The subshell starts setsid in the background and exits: the sleep is re-parented to init,
        // in its own session, so neither parent links nor the process group lead to it.
        RunningCommand running = runner.start(CommandSpec.shell("(setsid sleep " + a + " &); sleep " + b)
                .withTimeout(Duration.ofMillis(700)).withGrace(Duration.ofSeconds(2)));
        ProcessInfo daemon = Live.awaitRunning(sleepA, 1).get(0);
        assertThat(daemon.ppid()).isNotEqualTo(running.pid());
        assertThat(daemon.leadsGroup()).isTrue();

        CommandResult result = running.await();

        assertThat(result.timedOut()).isTrue();
        assertThat(running.ending().termed()).contains(daemon.pid());
        Live.assertNoneRunning(sleepA, sleepB);
    }

    @Test
    void aChildThatDroppedTheMarkerIsStillFoundAsADescendant() throws Exception {
        RunningCommand running = runner.start(CommandSpec.shell("env -i /bin/sleep " + a + " & sleep " + b)
                .withTimeout(Duration.ofMillis(500)));
        Live.awaitRunning(Pattern.compile("^/bin/sleep " + Pattern.quote(a) + "$"), 1);

        assertThat(running.await().timedOut()).isTrue();

        Live.assertNoneRunning(Pattern.compile("sleep " + Pattern.quote(a)), sleepB);
    }

    @Test
    void cancelFromAnotherThreadEndsTheTreeAndReportsInterrupted() throws Exception {
        RunningCommand running = runner.start(CommandSpec.shell("sleep " + a + " & sleep " + b)
                .withGrace(Duration.ofSeconds(2)));
        Live.awaitRunning(sleepA, 1);
        Live.awaitRunning(sleepB, 1);
        long start = System.nanoTime();

        CompletableFuture<Void> canceller = CompletableFuture.runAsync(running::cancel);
        CommandResult result = running.await();
        canceller.get();

        assertThat(Live.millisSince(start)).isLessThan(2000L);
        assertThat(result.interrupted()).isTrue();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.ok()).isFalse();
        Live.assertNoneRunning(sleepA, sleepB);
        running.cancel(); // a second cancel is harmless
    }

    @Test
    void interruptingTheAwaitingThreadCountsAsACancelAndKeepsTheInterrupt() throws Exception {
        RunningCommand running = runner.start(CommandSpec.shell("sleep " + a + " & sleep " + b));
        Live.awaitRunning(sleepB, 1);
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            running.await();
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        Live.pause(100);
        waiter.interrupt();

        assertThat(stillInterrupted.get()).isTrue();
        assertThat(running.await().interrupted()).isTrue();
        Live.assertNoneRunning(sleepA, sleepB);
    }

    @Test
    void aChildLeftInTheBackgroundDoesNotHoldTheStepAndIsLeftRunning() throws Exception {
        // Only a timeout or a cancel ends the tree; a command that exits leaves its background jobs be.
        long start = System.nanoTime();
        CommandResult result = runner.run(CommandSpec.shell("sleep " + a + " & echo started"));

        assertThat(Live.millisSince(start)).isLessThan(1500L);
        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).isEqualTo("started\n");
        // The shell forks the job before it execs sleep; on a loaded machine the exec may come after
        // the step ended, so wait for it (a killed job never appears, and this fails).
        assertThat(Live.awaitRunning(sleepA, 1)).hasSize(1);
    }
}
