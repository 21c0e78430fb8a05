package dev.runbook.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces every secret value, in every form it may be printed in ({@link SecretForms}), with
 * {@code ***} in text bound for a person, a file or the journal.
 */
public final class Masker {

    /** Every secret any masker of this process was given: for the last-resort error printer. */
    private static final java.util.Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static final String MASK = "***";
    public static final Masker NONE = new Masker(List.of());

    private final List<String> secrets;

    public Masker(List<String> secrets) {
        this(forms(secrets));
        secrets.stream().filter(secret -> secret != null && !secret.isEmpty()).forEach(SEEN::add);
    }

    /**
     * A masker of exactly these texts, already expanded ({@link #secrets()} of another masker, as a
     * run hands them to its actions): expanding them again would mask encodings of encodings.
     */
    public static Masker ofForms(List<String> forms) {
        return new Masker(new java.util.LinkedHashSet<>(forms));
    }

    private static java.util.Set<String> forms(List<String> secrets) {
        java.util.Set<String> forms = new java.util.LinkedHashSet<>();
        for (String secret : secrets) {
            forms.addAll(SecretForms.of(secret));
        }
        return forms;
    }

    private Masker(java.util.Set<String> forms) {
        List<String> sorted = new ArrayList<>();
        forms.stream().filter(form -> form != null && !form.isEmpty()).forEach(sorted::add);
        // Longest first, so a secret that contains another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    /**
     * Every form of every secret ({@link SecretForms}), longest first: for writers that mask bytes
     * rather than strings (step logs).
     */
    public List<String> secrets() {
        return secrets;
    }

    /**
     * Masks every secret this process has been given so far: for messages printed where no run's
     * masker is at hand (internal errors, --debug stack traces).
     */
    public static Masker ofEverySecretSeen() {
        return new Masker(List.copyOf(SEEN));
    }

    /** Strings anywhere inside lists and maps masked; other values as they are. */
    public Object maskDeep(Object value) {
        if (value instanceof String text) {
            return mask(text);
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(this::maskDeep).toList();
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), maskDeep(v)));
            return out;
        }
        return value;
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
