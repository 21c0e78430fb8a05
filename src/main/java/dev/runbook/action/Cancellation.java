package dev.runbook.action;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cancellation of a running step, from another thread (timeout, SIGINT/SIGTERM). Actions that
 * start processes register a hook that ends the whole process tree; others poll {@link #cancelled()}
 * or wait with {@link #sleep(Duration)}, which a cancel wakes at once.
 */
public final class Cancellation {

    /** How a {@link #sleep(Duration)} ended. */
    public enum Slept {
        /** The whole duration passed and nothing cancelled the step. */
        FULL,
        /** The step was cancelled (before or during the wait); {@link #reason()} says why. */
        CANCELLED,
        /** The thread was interrupted; its interrupt flag is set again for the caller. */
        INTERRUPTED
    }

    private volatile String reason;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
    private final CountDownLatch cancelledLatch = new CountDownLatch(1);

    public boolean cancelled() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }

    /** Runs the hook now if already cancelled, else when cancelled. */
    public void onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled()) {
            hook.run();
        }
    }

    public void cancel(String why) {
        if (reason == null) {
            reason = why;
            cancelledLatch.countDown();
            hooks.forEach(Runnable::run);
        }
    }

    /**
     * The one cancellable wait (retry delays, http.check's pauses, the sleep action): waits out the
     * duration unless the step is cancelled or the thread interrupted first, and says which.
     */
    public Slept sleep(Duration duration) {
        if (cancelled()) {
            return Slept.CANCELLED;
        }
        try {
            boolean woken = cancelledLatch.await(saturatedNanos(duration), TimeUnit.NANOSECONDS);
            return woken ? Slept.CANCELLED : Slept.FULL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Slept.INTERRUPTED;
        }
    }

    /** A duration beyond ~292 years has no nanosecond count; it waits as long as one can. */
    private static long saturatedNanos(Duration duration) {
        try {
            return Math.max(0, duration.toNanos());
        } catch (ArithmeticException e) {
            return duration.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }
}
