package dev.runbook.plan;

/** The plan cannot be made from these inputs: an unknown scenario, a bad -p value. A user error. */
public final class PlanError extends Exception {

    private static final long serialVersionUID = 1L;
    private final String hint;

    public PlanError(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
