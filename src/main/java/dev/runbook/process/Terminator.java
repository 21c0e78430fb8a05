package dev.runbook.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ends a {@link ProcessSet}: TERM to the members that take it, wait up to the grace period for
 * them to go (then TERM to what they left behind), then KILL whatever is left, in rounds until
 * nothing is, and confirm. Members that appear meanwhile (a child forked before its parent died)
 * are found by re-reading the set each round.
 */
final class Terminator {

    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();
    /** KILL rounds: each waits up to 100 ms, so a set that cannot be ended costs about two seconds. */
    private static final int KILL_ROUNDS = 20;
    private static final long KILL_WAIT_NANOS = Duration.ofMillis(100).toNanos();

    private Terminator() {
    }

    /**
     * Ends the set. An interrupt of the calling thread does not cut this short (a half-ended tree
     * is the worst outcome); the interrupt status is kept for the caller.
     */
    static Ending end(ProcessSet set, Duration grace) {
        boolean interrupted = Thread.interrupted();
        try {
            return endSet(set, grace);
        } finally {
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Ending endSet(ProcessSet set, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        Set<Long> termed = new LinkedHashSet<>();
        Set<Long> killed = new LinkedHashSet<>();
        List<ProcessInfo> live = set.current();
        while (!live.isEmpty() && System.nanoTime() - deadline < 0) {
            // Once the processes that take TERM are gone, what they left behind gets it too.
            boolean leadersLeft = live.stream().anyMatch(set::takesTerm);
            List<ProcessInfo> asked = new ArrayList<>();
            for (ProcessInfo p : live) {
                if (!leadersLeft || set.takesTerm(p)) {
                    asked.add(p);
                    if (!termed.contains(p.pid()) && signal(p, false)) {
                        termed.add(p.pid());
                    }
                }
            }
            waitGone(asked, deadline);
            live = set.current();
        }
        for (int round = 0; round < KILL_ROUNDS && !live.isEmpty(); round++) {
            for (ProcessInfo p : live) {
                if (signal(p, true)) {
                    killed.add(p.pid());
                }
            }
            waitGone(live, System.nanoTime() + KILL_WAIT_NANOS);
            live = set.current();
        }
        List<Long> survivors = new ArrayList<>();
        live.forEach(p -> survivors.add(p.pid()));
        return new Ending(new ArrayList<>(termed), new ArrayList<>(killed), survivors);
    }

    /**
     * TERM or KILL one process, if it is still the process that was read (pids are reused).
     * ProcessHandle.destroy sends SIGTERM and destroyForcibly SIGKILL on Unix, and checks the
     * start time itself too; false when it is gone or this user may not signal it.
     */
    static boolean signal(ProcessInfo p, boolean kill) {
        Optional<ProcessHandle> handle = ProcessHandle.of(p.pid());
        if (handle.isEmpty() || !ProcessTable.alive(p)) {
            return false;
        }
        try {
            return kill ? handle.get().destroyForcibly() : handle.get().destroy();
        } catch (IllegalStateException | SecurityException e) {
            return false;
        }
    }

    /** Polls until none of these is alive or the deadline passes. */
    private static void waitGone(List<ProcessInfo> processes, long deadline) {
        List<ProcessInfo> left = new ArrayList<>(processes);
        while (true) {
            left.removeIf(p -> !ProcessTable.alive(p));
            long now = System.nanoTime();
            if (left.isEmpty() || now - deadline >= 0) {
                return;
            }
            sleepNanos(Math.min(POLL_NANOS, deadline - now));
        }
    }

    /** Sleeps; an interrupt is remembered, not obeyed, so polling does not turn into spinning. */
    private static void sleepNanos(long nanos) {
        long until = System.nanoTime() + nanos;
        boolean interrupted = false;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
