package dev.runbook.process;

import java.util.List;

/**
 * How a set of processes was ended: the pids sent TERM, the pids that were still there after the
 * grace period and got KILL, and the pids still alive afterwards (a process in uninterruptible
 * sleep, or one this user may not signal).
 */
public record Ending(List<Long> termed, List<Long> killed, List<Long> survivors) {

    public static final Ending NOTHING = new Ending(List.of(), List.of(), List.of());

    public Ending {
        termed = List.copyOf(termed);
        killed = List.copyOf(killed);
        survivors = List.copyOf(survivors);
    }

    public boolean complete() {
        return survivors.isEmpty();
    }
}
