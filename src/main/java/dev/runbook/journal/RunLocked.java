package dev.runbook.journal;

/**
 * A run was refused because another run of the same runbook holds the lock. The message is the
 * one line to show: {@code runbook 'tmws' is locked by run 20261122-034512-7f3a (pid 4242 on host
 * db1, since 2026-11-22T03:45:12Z)}; the command exits with ExitCodes.LOCKED.
 */
public final class RunLocked extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient LockHolder holder;

    public RunLocked(LockHolder holder) {
        super("runbook '" + holder.runbook() + "' is locked by " + holder.describe(), null, false, false);
        this.holder = holder;
    }

    /** Held outside this journal (another state folder's run): only what the lock file says is known. */
    public RunLocked(String message) {
        super(message, null, false, false);
        this.holder = null;
    }

    public LockHolder holder() {
        return holder;
    }
}
