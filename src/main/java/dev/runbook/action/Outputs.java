package dev.runbook.action;

import java.util.LinkedHashMap;
import java.util.Map;

/** The outputs of one outcome or preview, written through their typed declarations, in order. */
public final class Outputs {

    private final Map<String, Object> values = new LinkedHashMap<>();

    public <T> Outputs put(Output<T> output, T value) {
        values.put(output.name(), output.encode(value));
        return this;
    }

    /** Adds what another outcome or preview produced (a probe run for a preview, say). */
    public Outputs putAll(Map<String, Object> produced) {
        values.putAll(produced);
        return this;
    }

    public Map<String, Object> map() {
        return values;
    }
}
