package dev.runbook.saved;

/** A plan file that cannot be used: not a plan, damaged (its checksum does not match), or from another engine. */
public final class BadPlan extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;

    BadPlan(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
