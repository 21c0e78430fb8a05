package dev.runbook.action;

import java.util.Map;

/**
 * What a run of an action produced: success or failure with a reason, and outputs for later steps.
 * A failed outcome is a result (a health check that never answered), not an exception.
 */
public record Outcome(boolean ok, String message, Map<String, Object> outputs) {

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
