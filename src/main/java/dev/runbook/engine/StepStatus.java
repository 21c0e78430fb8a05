package dev.runbook.engine;

import java.util.Locale;

/** How a step ended. */
public enum StepStatus {
    SUCCEEDED, FAILED, VERIFY_FAILED, SKIPPED, PREVIEWED, INTERRUPTED, UNDONE, UNDO_FAILED;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Dependents may run after it: it did its work, or was skipped by its own condition. */
    public boolean letsDependentsRun() {
        return this == SUCCEEDED || this == PREVIEWED || this == SKIPPED;
    }
}
