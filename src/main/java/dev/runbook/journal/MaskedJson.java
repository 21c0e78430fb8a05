package dev.runbook.journal;

import dev.runbook.json.PlainJson;
import dev.runbook.template.Masker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Params and outputs as JSON text, every value masked first. Masking the values rather than the
 * JSON text matters: a secret with a quote or backslash in it appears escaped in JSON, where a
 * search for the raw secret would miss it, and replacing inside JSON text could break its syntax.
 */
final class MaskedJson {

    private MaskedJson() {
    }

    /** Top-level keys are names the runbook declares (params, outputs) and stay as they are. */
    static String write(Map<String, ?> values, Masker masker) {
        Map<String, Object> masked = new LinkedHashMap<>();
        values.forEach((name, value) -> masked.put(name, mask(value, masker)));
        return PlainJson.write(masked);
    }

    /** Step ids (never secret). */
    static String writeIds(List<String> ids) {
        return PlainJson.write(ids);
    }

    static List<String> readIds(String json) {
        if (json == null) {
            return List.of();
        }
        Object value = parse(json);
        if (!(value instanceof List<?> list)) {
            throw new JournalException("the journal holds step ids that are not a JSON list: " + json);
        }
        return list.stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        Object value = parse(json);
        if (!(value instanceof Map<?, ?>)) {
            throw new JournalException("the journal holds values that are not a JSON object: " + json);
        }
        return (Map<String, Object>) value;
    }

    private static Object parse(String json) {
        try {
            return PlainJson.read(json);
        } catch (java.io.IOException e) {
            throw new JournalException("the journal holds invalid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Strings are masked; a number or boolean whose text contains a secret (a secret int param)
     * becomes the masked string; anything else (a Path, a Duration) is stored as its text, masked.
     */
    static Object mask(Object value, Masker masker) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = new LinkedHashMap<>();
            map.forEach((key, item) -> masked.put(masker.mask(String.valueOf(key)), mask(item, masker)));
            return masked;
        }
        if (value instanceof Collection<?> items) {
            List<Object> masked = new ArrayList<>(items.size());
            items.forEach(item -> masked.add(mask(item, masker)));
            return masked;
        }
        String text = String.valueOf(value);
        String maskedText = masker.mask(text);
        boolean scalar = value instanceof Number || value instanceof Boolean;
        return scalar && maskedText.equals(text) ? value : maskedText;
    }
}
