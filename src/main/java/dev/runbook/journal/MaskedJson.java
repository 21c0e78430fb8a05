package dev.runbook.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private MaskedJson() {
    }

    /** Top-level keys are names the runbook declares (params, outputs) and stay as they are. */
    static String write(Map<String, ?> values, Masker masker) {
        Map<String, Object> masked = new LinkedHashMap<>();
        values.forEach((name, value) -> masked.put(name, mask(value, masker)));
        try {
            return MAPPER.writeValueAsString(masked);
        } catch (JsonProcessingException e) {
            throw new JournalException("cannot write values as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Step ids (never secret). */
    static String writeIds(java.util.List<String> ids) {
        try {
            return MAPPER.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new JournalException("cannot write step ids as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static java.util.List<String> readIds(String json) {
        try {
            return json == null ? java.util.List.of() : java.util.List.of(MAPPER.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new JournalException("the journal holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> read(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new JournalException("the journal holds invalid JSON: " + e.getOriginalMessage(), e);
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
