package dev.runbook.process;

import java.util.List;

/**
 * What process.stop did. {@code targets}: the processes it was asked to stop (matched, or named by
 * the pidfile), as they were found; {@code ending}: every pid sent TERM or KILL, their trees
 * included, and any that survived; {@code notes}: things a person should read (nothing matched,
 * a stale pidfile, a supervisor that started a new one).
 */
public record StopResult(List<ProcessInfo> targets, Ending ending, List<String> notes) {

    public StopResult {
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
    }

    /** The {@code pids} output: the targets, now gone when {@link #ok}. */
    public List<Long> pids() {
        return targets.stream().map(ProcessInfo::pid).toList();
    }

    public boolean ok() {
        return ending.complete();
    }
}
