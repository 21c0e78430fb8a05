package dev.runbook.fleet;

/** Where one host of a fleet run stands; what the fleet journal records and the reports show. */
public enum HostStatus {
    PENDING("pending"), RUNNING("running"), SUCCEEDED("succeeded"), FAILED("failed"),
    /** The host's own run failed and rolled itself back (its exit code 4). */
    ROLLED_BACK("rolled back"),
    /** Nothing ran: down, host key refused, our key refused, no Java 17. */
    UNREACHABLE("unreachable"),
    /** The connection ended mid-run: what happened is in the host's journal, not yet read. */
    UNKNOWN("unknown"),
    CANCELLED("cancelled"), NOT_STARTED("not started"), UNDONE("undone"), UNDO_FAILED("undo failed"),
    WOULD_CHANGE("would change"), WOULD_REFUSE("would refuse"),
    /**
     * The host's resume stopped for a decision (its exit code 6: a step cut off mid-way that is not
     * idempotent, or commands the dead run left running): not a failure, and nothing to roll back
     * over; the fleet stops until the operator decides.
     */
    NEEDS_DECISION("needs a decision");

    private final String word;

    HostStatus(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static HostStatus ofWord(String word) {
        for (HostStatus status : values()) {
            if (status.word.equals(word)) {
                return status;
            }
        }
        throw new IllegalArgumentException("no host status '" + word + "'");
    }

    /** Whether it counts against the failure budget. */
    public boolean failed() {
        return this == FAILED || this == ROLLED_BACK || this == UNREACHABLE || this == UNKNOWN
                || this == WOULD_REFUSE;
    }
}
