package dev.runbook.journal;

import java.util.Locale;

/** Where a run stands. Stored as the lower-case word, so the file reads well in the sqlite3 shell. */
public enum RunStatus {
    /** Started and not finished; if its process is gone, it crashed (see {@link LockHolder}). */
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** A step failed and the undos of the completed steps ran. */
    ROLLED_BACK,
    /** Stopped by a signal, or found dead by the next run that took its lock. */
    INTERRUPTED,
    /** A dry run in which at least one step would refuse or fail (exit 7). */
    WOULD_STOP,
    /** The up-front approval was declined or could not be asked: no step ran (exit 6). */
    NOT_CONFIRMED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
