package dev.runbook.engine;

import dev.runbook.journal.Failure;

/**
 * Why a step did not succeed, as a value: the fact an operator reads first after a failed rollback
 * step is whether anything may have changed. Set where the engine knows it (the action's
 * {@code Outcome.Kind} or {@code ActionException.refused()}, the timeout alarm, a cancellation, a
 * verify check); stored in the journal as {@link Failure} (same names), sent in {@code --json}
 * events, shown by show and the reports. Nothing reads the error text to decide it.
 */
public enum FailureKind {
    /** Succeeded, was skipped or previewed: nothing failed. */
    NONE,
    /** Stopped before changing anything: a precondition did not hold, a template would not render. */
    REFUSED,
    /** A read-only check did not hold; the step changes nothing by its declaration. */
    CHECK_FAILED,
    /** Something may have changed before it stopped (the honest default). */
    FAILED,
    /** Its timeout ended it midway: something may have changed. */
    TIMED_OUT,
    /** A signal or a stop ended it midway: something may have changed. */
    INTERRUPTED,
    /** The action did its work, then a verify check did not hold. */
    VERIFY_FAILED;

    /** The journal's value of the same name (which also holds the words people read). */
    public Failure recorded() {
        return Failure.valueOf(name());
    }

    /** "refused before changing anything"; empty for NONE. */
    public String sentence() {
        return recorded().sentence();
    }

    /** The spelling of events and the journal: "timed_out". */
    public String word() {
        return recorded().word();
    }

    public boolean mayHaveChanged() {
        return recorded().mayHaveChanged();
    }
}
