package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one cancellable wait: it lasts its duration, a cancel from another thread ends it at once, an interrupt is kept. */
class CancellationSleepTest {

    @Test
    void aWaitNobodyCancelsLastsItsWholeDuration() {
        Cancellation cancellation = new Cancellation();
        long started = System.nanoTime();

        assertThat(cancellation.sleep(Duration.ofMillis(200))).isEqualTo(Cancellation.Slept.FULL);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aCancelFromAnotherThreadEndsALongWaitAtOnce() {
        Cancellation cancellation = new Cancellation();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(() -> cancellation.cancel("timed out after 100ms"), 100, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();

            Cancellation.Slept slept = cancellation.sleep(Duration.ofMinutes(10));

            assertThat(slept).isEqualTo(Cancellation.Slept.CANCELLED);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(cancellation.reason()).isEqualTo("timed out after 100ms");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aStepAlreadyCancelledDoesNotWaitAndAnEndlessDurationIsNoError() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel("interrupted by SIGINT");

        assertThat(cancellation.sleep(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Cancellation.Slept.CANCELLED);
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSetForTheCaller() {
        Cancellation cancellation = new Cancellation();
        Thread.currentThread().interrupt();
        try {
            assertThat(cancellation.sleep(Duration.ofMinutes(10))).isEqualTo(Cancellation.Slept.INTERRUPTED);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
