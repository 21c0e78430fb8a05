package dev.runbook.model;

/** What a failed step does to the run. */
public enum OnError {
    /** Stop the run; on_failure and finally still run. The default. */
    ABORT,
    /** Record the failure and go on with steps that do not depend on this one. */
    CONTINUE,
    /** Run the undo of every completed step in reverse order, then stop. */
    ROLLBACK;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
