package dev.runbook.spec;

import dev.runbook.source.Problems;
import dev.runbook.values.Booleans;
import dev.runbook.values.Sizes;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.Sequence;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks YAML values against declared types and keys, adding every mismatch to the problems.
 * With {@code templates} on, a string holding {@code {{ }}} may stand in for any scalar type; it is
 * checked again once rendered.
 */
public final class TypeChecker {

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    /** Words people write for the declared ones ("type: integer"), for a better "did you mean". */
    private static final java.util.Map<String, String> SYNONYMS = java.util.Map.of("integer", "int",
            "boolean", "bool", "str", "string", "number", "int", "file", "path", "dir", "path", "choice", "enum");
    private static final List<String> YAML11_BOOLS = List.of("yes", "no", "on", "off", "y", "n");

    /** Marks the name of a list's item, so messages say "each item of 'x'". */
    private static final String ITEM = "\u0000item:";

    private final Problems problems;
    private final boolean templates;

    public TypeChecker(Problems problems, boolean templates) {
        this.problems = problems;
        this.templates = templates;
    }

    /**
     * Reports unknown keys (with "did you mean"), missing required keys, and checks each value.
     * {@code context} names the mapping in messages: "step 'stop'", "'with' of step 'stop'".
     */
    public void checkFields(Mapping mapping, List<Field> fields, String context) {
        for (Mapping.Entry entry : mapping.entries()) {
            Field field = find(fields, entry.name());
            if (field == null) {
                List<String> names = FormatSpec.names(fields);
                String hint = Suggestions.didYouMean(entry.name(), names);
                problems.add(entry.key().location(), "unknown key '" + entry.name() + "' in " + context,
                        hint != null ? hint : "known keys: " + String.join(", ", names));
            } else {
                check(entry.value(), field.type(), field.name());
            }
        }
        for (Field field : fields) {
            if (field.required() && !mapping.has(field.name()) && !misspeltIn(mapping, field, fields)) {
                problems.add(mapping.location(), context + " is missing '" + field.name() + "'",
                        field.name() + ": " + field.description() + " e.g. " + field.name() + ": " + field.example());
            }
        }
    }

    private static boolean misspeltIn(Mapping mapping, Field field, List<Field> fields) {
        for (Mapping.Entry entry : mapping.entries()) {
            if (find(fields, entry.name()) == null
                    && Suggestions.closest(entry.name(), FormatSpec.names(fields)).filter(field.name()::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** A plain loop: this runs for every key of every step, and field lists are short. */
    private static Field find(List<Field> fields, String name) {
        for (Field field : fields) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        return null;
    }

    /** Checks one value; {@code name} is the key it sits under, for messages. */
    public void check(Node node, ValueType type, String name) {
        if (type instanceof ValueType.Simple simple) {
            checkSimple(node, simple.kind(), name);
        } else if (type instanceof ValueType.Choice choice) {
            checkChoice(node, choice, name);
        } else if (type instanceof ValueType.ListOf list) {
            checkList(node, list, name);
        } else if (type instanceof ValueType.MapOf map) {
            if (node instanceof Mapping mapping) {
                for (Mapping.Entry entry : mapping.entries()) {
                    if (map.value() instanceof ValueType.Obj obj && entry.value() instanceof Mapping value) {
                        checkFields(value, obj.fields(), obj.name() + " '" + entry.name() + "'");
                    } else {
                        check(entry.value(), map.value(), entry.name());
                    }
                }
            } else {
                mismatch(node, name, type, null);
            }
        } else if (type instanceof ValueType.Obj obj) {
            if (node instanceof Mapping mapping) {
                checkFields(mapping, obj.fields(), label(obj, mapping));
            } else {
                mismatch(node, name, type, null);
            }
        }
    }

    /** "step 'restore-db'" when the mapping has an id, else the object's name ("retry"). */
    private static String label(ValueType.Obj obj, Mapping mapping) {
        return mapping.get("id").filter(id -> id instanceof Scalar s && !s.isNull())
                .map(id -> obj.name() + " '" + ((Scalar) id).text() + "'").orElse(obj.name());
    }

    private void checkList(Node node, ValueType.ListOf list, String name) {
        if (node instanceof Sequence sequence) {
            sequence.items().forEach(item -> check(item, list.item(), ITEM + name));
        } else if (list.singleAllowed() && (node instanceof Scalar scalar ? !scalar.isNull()
                : !(list.item() instanceof ValueType.Simple))) {
            check(node, list.item(), name);
        } else if (templates && node instanceof Scalar scalar && scalar.isTemplate()) {
            return;
        } else {
            mismatch(node, name, list, null);
        }
    }

    private void checkChoice(Node node, ValueType.Choice choice, String name) {
        if (!(node instanceof Scalar scalar) || scalar.isNull()) {
            mismatch(node, name, choice, null);
        } else if (!choice.values().contains(scalar.text()) && !(templates && scalar.isTemplate())) {
            String hint = Suggestions.didYouMean(SYNONYMS.getOrDefault(scalar.text(), scalar.text()), choice.values());
            mismatch(node, name, choice, hint);
        }
    }

    private void checkSimple(Node node, ValueType.Kind kind, String name) {
        if (!(node instanceof Scalar scalar) || scalar.isNull()) {
            mismatch(node, name, new ValueType.Simple(kind), null);
            return;
        }
        String text = scalar.text();
        if (templates && scalar.isTemplate() && kind != ValueType.Kind.STRING && kind != ValueType.Kind.SHELL) {
            return;
        }
        switch (kind) {
            case STRING, EXPRESSION, SHELL -> { }
            case PATH -> {
                if (text.indexOf('\0') >= 0) {
                    problems.add(node.location(), "'" + name + "' is a path and cannot contain a NUL character");
                }
            }
            case INT -> {
                if (!scalar.plain() || !INTEGER.matcher(text).matches()) {
                    mismatch(node, name, ValueType.INT, scalar.plain() ? null : quotedHint(text, INTEGER));
                }
            }
            case NUMBER -> {
                if (!scalar.plain() || !DECIMAL.matcher(text).matches()) {
                    mismatch(node, name, ValueType.NUMBER, scalar.plain() ? null : quotedHint(text, DECIMAL));
                }
            }
            case BOOL -> checkBool(scalar, name);
            case DURATION -> {
                if (Durations.parse(text).isEmpty()) {
                    mismatch(node, name, ValueType.DURATION, "write a number and a unit: 500ms, 30s, 5m, 1h30m");
                }
            }
            case SIZE -> {
                if (Sizes.parse(text).isEmpty()) {
                    mismatch(node, name, ValueType.SIZE, "write a number and a unit: 512KB, 20MiB, 1GB");
                }
            }
        }
    }

    private void checkBool(Scalar scalar, String name) {
        String text = scalar.text();
        if (scalar.plain() && Booleans.parse(text).isPresent()) {
            return;
        }
        String hint = null;
        if (!scalar.plain() && Booleans.parse(text).isPresent()) {
            hint = "remove the quotes";
        } else if (YAML11_BOOLS.contains(text.toLowerCase(java.util.Locale.ROOT))) {
            hint = "YAML 1.2 reads only true and false as booleans";
        }
        mismatch(scalar, name, ValueType.BOOL, hint);
    }

    private static String quotedHint(String text, Pattern pattern) {
        return pattern.matcher(text).matches() ? "remove the quotes" : null;
    }

    private void mismatch(Node node, String name, ValueType expected, String hint) {
        String subject = name.startsWith(ITEM) ? "each item of '" + name.substring(ITEM.length()) + "'" : "'" + name + "'";
        if (hint == null && expected == ValueType.ARGV && node instanceof Scalar) {
            hint = "write the command as a list, e.g. [pytest, -q]; for a shell line use 'shell:'";
        }
        problems.add(node.location(), subject + " must be " + expected.describe() + ", found " + found(node), hint);
    }

    /** How a value is shown in messages: quoted text for a scalar, else its kind. */
    public static String found(Node node) {
        if (node instanceof Scalar scalar && !scalar.isNull()) {
            String text = scalar.text();
            return "\"" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\"";
        }
        return node.kind();
    }
}
