package dev.runbook.journal;

import java.util.Locale;

/** Where one attempt of a step stands. Stored as the lower-case word. */
public enum StepStatus {
    /**
     * The intent: written (durably, for a step with effects) before the action starts. A step still
     * {@code running} when its run is no longer alive is one the executor died in.
     */
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Its {@code when} was false; the reason says why. Recorded as attempt 0: no attempt was made. */
    SKIPPED,
    /** Stopped by a signal, or found {@code running} by a resume that re-ran or gave it up. */
    INTERRUPTED,
    /** Succeeded, then reversed by its undo during a rollback. */
    UNDONE,
    /** Its undo was attempted during a rollback and failed: the step's effect may still be there. */
    UNDO_FAILED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the statuses a step ends an attempt with (what {@link StepOutcome} may carry). */
    public boolean endsAttempt() {
        return this == SUCCEEDED || this == FAILED || this == INTERRUPTED;
    }

    static StepStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
