package dev.runbook.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Renders what can be rendered now and leaves the rest as written: the plan knows params and vars
 * but not step outputs, so {@code "{{ vars.db }} at {{ steps['x'].outputs.path }}"} becomes
 * {@code "data/app.db at {{ steps['x'].outputs.path }}"}. Its context must not change once given.
 */
public final class PartialRenderer {

    private static final char LATER = '\u0002';
    private static final char LATER_END = '\u0003';

    private final Map<String, Object> context;
    private final Predicate<TemplateScanner.Reference> known;
    // Runbooks repeat the same templates ("{{ vars.db }}") across many steps: render each text once.
    private final Map<String, Object> rendered = new HashMap<>();

    /** {@code known}: whether the context can answer a reference now. */
    public PartialRenderer(Map<String, Object> context, Predicate<TemplateScanner.Reference> known) {
        this.context = context;
        this.known = known;
    }

    /**
     * A value as the action will receive it: a text that is one {@code {{ path }}} and nothing else
     * keeps the value's own type (a list stays a list, a number a number); anything else is a string.
     */
    public Object renderValue(String text, boolean shell) throws TemplateError {
        if (!TemplateScanner.isTemplate(text)) {
            return text;
        }
        String key = (shell ? "\u0001" : "") + text;
        Object done = rendered.get(key);
        if (done == null) {
            done = nativeValue(text).orElse(null);
            if (done == null) {
                done = renderOnce(text, shell);
            }
            rendered.put(key, done);
        }
        return done;
    }

    public String render(String text, boolean shell) throws TemplateError {
        return String.valueOf(renderValue(text, shell));
    }

    private java.util.Optional<Object> nativeValue(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("{{") || !trimmed.endsWith("}}") || trimmed.indexOf("{{", 2) >= 0) {
            return java.util.Optional.empty();
        }
        TemplateScanner.Scan scan = TemplateScanner.scan(trimmed);
        if (!scan.ok() || scan.references().size() != 1 || !scan.calls().isEmpty()) {
            return java.util.Optional.empty();
        }
        TemplateScanner.Reference ref = scan.references().get(0);
        String inner = trimmed.substring(2, trimmed.length() - 2);
        int lead = inner.length() - inner.stripLeading().length();
        boolean wholeExpression = ref.start() == 2 + lead && ref.end() == 2 + inner.stripTrailing().length();
        if (!wholeExpression || !known.test(ref)) {
            return java.util.Optional.empty();
        }
        Object value = context;
        for (String part : ref.path()) {
            if (!(value instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return java.util.Optional.empty();
            }
            value = map.get(part);
        }
        return value instanceof List<?> || value instanceof Map<?, ?> || value instanceof Number
                || value instanceof Boolean ? java.util.Optional.of(value) : java.util.Optional.empty();
    }

    /**
     * Each {@code {{ }}} that cannot be rendered yet is swapped for a marker, the rest is rendered as
     * one template (so a shell value is quoted for where it stands in the whole command), and the
     * markers are put back as written.
     */
    private String renderOnce(String text, boolean shell) throws TemplateError {
        if (resolvable(text)) {
            return Templates.render(text, context, shell);
        }
        if (text.contains("{%") || text.indexOf(LATER) >= 0) {
            return text;
        }
        StringBuilder template = new StringBuilder();
        List<String> later = new java.util.ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            int close = open < 0 ? -1 : text.indexOf("}}", open + 2);
            if (open < 0 || close < 0) {
                template.append(text, i, text.length());
                break;
            }
            template.append(text, i, open);
            String expression = text.substring(open, close + 2);
            if (resolvable(expression)) {
                template.append(expression);
            } else {
                template.append(LATER).append(later.size()).append(LATER_END);
                later.add(expression);
            }
            i = close + 2;
        }
        String rendered = Templates.render(template.toString(), context, shell);
        for (int k = 0; k < later.size(); k++) {
            rendered = rendered.replace(LATER + String.valueOf(k) + LATER_END, later.get(k));
        }
        return rendered;
    }

    private boolean resolvable(String text) {
        TemplateScanner.Scan scan = TemplateScanner.scan(text);
        return scan.ok() && scan.references().stream().allMatch(known);
    }
}
