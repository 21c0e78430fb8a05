package dev.runbook.action;

import java.util.Map;

/**
 * What a run of an action produced: success or failure with a reason, and outputs for later steps.
 * A failed outcome is a result (a health check that never answered), not an exception.
 */
public record Outcome(boolean ok, String message, Map<String, Object> outputs) {

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
        return new Outcome(true, null, outputs);
    }

    public static Outcome failed(String message, Map<String, Object> outputs) {
        return new Outcome(false, message, outputs);
    }
}
