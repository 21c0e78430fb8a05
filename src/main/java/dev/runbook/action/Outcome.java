package dev.runbook.action;

import java.util.Map;

/**
 * What a run of an action produced: success, refusal (nothing changed) or failure (something may
 * have changed), with a reason, and outputs for later steps. A failed outcome is a result (a health
 * check that never answered), not an exception.
 */
public record Outcome(Kind kind, String message, Map<String, Object> outputs) {

    /** How the action ended; code branches on this, the message is for people. */
    public enum Kind {
        SUCCEEDED,
        /** Stopped before changing anything: a precondition or a check did not hold. */
        REFUSED,
        /** Something may have changed before it stopped. */
        FAILED
    }

    /**
     * The output that holds lines a person must read even when the step succeeded (which checksum
     * list was used, that checksums were not verified, what a restore left in place): the console
     * prints them under the step, the journal keeps them with the outputs, reports show them.
     */
    public static final String NOTES = "notes";

    public Outcome {
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    public static Outcome ok(Map<String, Object> outputs) {
        return new Outcome(Kind.SUCCEEDED, null, outputs);
    }

    /** Something may have changed (the honest default when an action cannot say). */
    public static Outcome failed(String message, Map<String, Object> outputs) {
        return new Outcome(Kind.FAILED, message, outputs);
    }

    /** Nothing was changed: a read-only check that did not hold, or a precondition. */
    public static Outcome refused(String message, Map<String, Object> outputs) {
        return new Outcome(Kind.REFUSED, message, outputs);
    }

    public boolean ok() {
        return kind == Kind.SUCCEEDED;
    }
}
