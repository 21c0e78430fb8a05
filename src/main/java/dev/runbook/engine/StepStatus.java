package dev.runbook.engine;

import java.util.Locale;

/**
 * How a step ended. A dry run ends a step that the real run would not get past as WOULD_REFUSE
 * (its preview or probe says the run would refuse, nothing changed) or WOULD_FAIL (the preview
 * itself failed, or a probe failed). A human check (the confirm action) nobody answered is
 * NOT_CHECKED; one the operator vouched for without being asked (--vouch-for-checks) is VOUCHED.
 */
public enum StepStatus {
    SUCCEEDED, FAILED, VERIFY_FAILED, SKIPPED, PREVIEWED, INTERRUPTED, UNDONE, UNDO_FAILED, WOULD_REFUSE, WOULD_FAIL,
    NOT_CHECKED, VOUCHED;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Dependents may run after it: it did its work, or was skipped by its own condition. */
    public boolean letsDependentsRun() {
        return this == SUCCEEDED || this == PREVIEWED || this == SKIPPED || this == NOT_CHECKED || this == VOUCHED;
    }

    /** A dry run's verdict that the real run would stop at this step. */
    public boolean wouldStop() {
        return this == WOULD_REFUSE || this == WOULD_FAIL;
    }
}
