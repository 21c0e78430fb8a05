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
    UNDO_FAILED,
    /** A dry run: the real run would refuse at this step (nothing would change); the error says why. */
    WOULD_REFUSE,
    /** A dry run: the real run would fail at this step (its preview or probe failed); the error says why. */
    WOULD_FAIL,
    /** A human check (the confirm action) that no person answered: there was no terminal. */
    NOT_CHECKED,
    /** A human check the operator vouched for on the command line (--vouch-for-checks) without being asked. */
    VOUCHED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the statuses a step ends an attempt with (what {@link StepOutcome} may carry). */
    public boolean endsAttempt() {
        return this == SUCCEEDED || this == FAILED || this == INTERRUPTED || this == WOULD_REFUSE || this == WOULD_FAIL
                || this == NOT_CHECKED || this == VOUCHED;
    }

    static StepStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
