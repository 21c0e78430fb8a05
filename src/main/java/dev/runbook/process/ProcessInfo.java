package dev.runbook.process;

/**
 * One process as /proc showed it. A pid alone is not an identity (pids are reused), so
 * {@code startTicks} (clock ticks after boot, /proc/PID/stat field 22) is kept with it.
 * {@code commandLine} is the NUL-separated arguments joined with spaces, like {@code pkill -f}
 * sees them; empty for kernel threads and zombies, and when it was not asked for.
 */
public record ProcessInfo(long pid, long ppid, long pgrp, long startTicks, char state, String commandLine) {

    /** A zombie (Z) or dying (X) process: it holds nothing but an exit status and cannot be signalled. */
    public boolean exited() {
        return state == 'Z' || state == 'X';
    }

    /** Whether it leads its own process group, as a process started through setsid or by a job-control shell does. */
    public boolean leadsGroup() {
        return pgrp == pid;
    }

    boolean sameProcessAs(ProcessInfo other) {
        return pid == other.pid && startTicks == other.startTicks;
    }
}
