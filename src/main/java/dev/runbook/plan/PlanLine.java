package dev.runbook.plan;

import dev.runbook.action.ActionSpec;
import dev.runbook.spec.Field;
import dev.runbook.spec.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Fills an action's declared plan line: {@code {param}} becomes the argument's value (or its
 * default); a {@code [...]} part is kept only when every argument named in it was given.
 */
final class PlanLine {

    private PlanLine() {
    }

    static String format(ActionSpec spec, Map<String, Object> with) {
        String pattern = spec.planLine();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '[') {
                int close = pattern.indexOf(']', i);
                String part = pattern.substring(i + 1, close);
                if (allGiven(part, with)) {
                    out.append(fill(part, spec, with));
                }
                i = close + 1;
            } else {
                int next = pattern.indexOf('[', i);
                int end = next < 0 ? pattern.length() : next;
                out.append(fill(pattern.substring(i, end), spec, with));
                i = end;
            }
        }
        return out.toString().replaceAll(" {2,}", " ").trim();
    }

    private static boolean allGiven(String part, Map<String, Object> with) {
        int at = part.indexOf('{');
        while (at >= 0) {
            int close = part.indexOf('}', at);
            if (with.get(part.substring(at + 1, close)) == null) {
                return false;
            }
            at = part.indexOf('{', close);
        }
        return true;
    }

    private static String fill(String part, ActionSpec spec, Map<String, Object> with) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < part.length()) {
            int open = part.indexOf('{', i);
            if (open < 0) {
                out.append(part, i, part.length());
                break;
            }
            int close = part.indexOf('}', open);
            out.append(part, i, open);
            String name = part.substring(open + 1, close);
            Optional<Field> field = spec.param(name);
            Object value = with.containsKey(name) ? with.get(name) : field.map(Field::defaultValue).orElse(null);
            out.append(display(value, field.map(Field::type).orElse(ValueType.STRING)));
            i = close + 1;
        }
        return out.toString();
    }

    static String display(Object value, ValueType type) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            String separator = type == ValueType.ARGV ? " " : ", ";
            return list.stream().map(item -> type == ValueType.ARGV ? argvWord(String.valueOf(item))
                    : display(item, ValueType.STRING)).collect(Collectors.joining(separator));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + (e.getValue() == null ? ""
                    : "=" + display(e.getValue(), e.getValue() instanceof List<?> ? ValueType.ARGV : ValueType.STRING)))
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    /** A word of an argv list, quoted for reading when it holds spaces or quotes. */
    private static String argvWord(String word) {
        boolean unresolved = word.contains("{{");
        if (unresolved || !word.isEmpty() && word.chars().noneMatch(ch -> " \t\n'\"\\$`".indexOf(ch) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
