package dev.runbook.action;

import dev.runbook.source.Problems;
import dev.runbook.spec.Durations;
import dev.runbook.spec.Field;
import dev.runbook.values.Booleans;
import dev.runbook.values.Sizes;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Plain;
import dev.runbook.yaml.YamlLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An action's arguments after rendering. They are read only through an action's own {@link Param}
 * constants ({@link StepContext#get}), never by name: a parameter the action did not declare cannot
 * be read, and each is read by its declared type, its declared default applying when it is absent.
 * A template that rendered to the wrong type ("{{ x }}" giving "soon" for a duration) is an
 * {@link ActionException} naming the argument.
 */
public final class Arguments {

    private static final Map<String, Optional<Object>> DEFAULTS = new java.util.concurrent.ConcurrentHashMap<>();

    private final ActionSpec spec;
    private final Map<String, Object> values;

    public Arguments(ActionSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value given, or the default, read as the parameter's type; empty when neither. */
    <T> Optional<T> read(Param<T> param) throws ActionException {
        checkDeclared(param);
        Optional<Object> raw = raw(param.name());
        return raw.isPresent() ? Optional.of(param.convert(new Value(spec.name(), param.name(), raw.get())))
                : Optional.empty();
    }

    /** Whether the step gives this parameter itself (a default does not count). */
    boolean gives(Param<?> param) {
        checkDeclared(param);
        return values.get(param.name()) != null;
    }

    /** The value as the runbook wrote it (after rendering), or its default, as text; "" when neither. */
    String asWritten(Param<?> param) {
        checkDeclared(param);
        return raw(param.name()).map(String::valueOf).orElse("");
    }

    /**
     * A declared parameter's rendered value (or its default), for code outside the actions that looks
     * at a step without running it (a saved plan fingerprints what a step reads); empty when the
     * action does not declare it. Actions read through their {@link Param} constants instead.
     */
    public Optional<Object> inspect(String name) {
        return spec.param(name).isPresent() ? raw(name) : Optional.empty();
    }

    /** Reading a parameter the action did not declare is a programming error, found by the first test. */
    private void checkDeclared(Param<?> param) {
        if (!spec.param(param.name()).map(param.field()::equals).orElse(false)) {
            throw new IllegalStateException(spec.name() + " reads parameter '" + param.name()
                    + "', which it does not declare (or declares differently)");
        }
    }

    /** The value as given, or the declared default (parsed from its YAML form), or empty. */
    private Optional<Object> raw(String name) {
        Object value = values.get(name);
        if (value != null) {
            return Optional.of(value);
        }
        return spec.param(name).map(Field::defaultValue).flatMap(Arguments::parsedDefault);
    }

    /**
     * One present argument, as a {@link Param}'s reader sees it: only this value, never another
     * argument, read as the declared type.
     */
    record Value(String action, String name, Object raw) {

        String text() {
            return String.valueOf(raw);
        }

        boolean bool() throws ActionException {
            return Booleans.parse(text()).orElseThrow(() -> wrong("true or false"));
        }

        long integer() throws ActionException {
            try {
                return Long.parseLong(text().trim());
            } catch (NumberFormatException e) {
                throw wrong("an integer");
            }
        }

        Duration duration() throws ActionException {
            return Durations.parse(text()).orElseThrow(() -> wrong("a duration"));
        }

        long size() throws ActionException {
            return Sizes.parse(text()).orElseThrow(() -> wrong("a size"));
        }

        /** A list of strings; a lone value is a one-item list. */
        List<String> strings() {
            if (raw instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            return List.of(text());
        }

        /** A list of integers; a lone value is a one-item list. */
        List<Long> integers() throws ActionException {
            List<Long> numbers = new ArrayList<>();
            for (String item : strings()) {
                try {
                    numbers.add(Long.parseLong(item.trim()));
                } catch (NumberFormatException e) {
                    throw wrong("a list of integers", item);
                }
            }
            return List.copyOf(numbers);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return raw instanceof Map<?, ?> ? (Map<String, Object>) raw : Map.of();
        }

        private ActionException wrong(String expected) {
            return wrong(expected, text());
        }

        private ActionException wrong(String expected, String found) {
            return new ActionException("'" + name + "' of " + action + " must be " + expected + ", found \"" + found
                    + "\"");
        }
    }

    /**
     * Parsed once per default text: running the YAML loader for {@code [0]} on every exec step was a
     * quarter of the engine's own work per step. Shared, so the value is made unmodifiable.
     */
    private static Optional<Object> parsedDefault(String yaml) {
        return DEFAULTS.computeIfAbsent(yaml, text -> {
            Optional<Node> node = YamlLoader.load("default", "v: " + text, new Problems());
            return Optional.ofNullable(unmodifiable(node.map(n -> Plain.of(((Mapping) n).get("v").orElseThrow()))
                    .orElse(text)));
        });
    }

    private static Object unmodifiable(Object value) {
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(unmodifiable(item)));
            return java.util.Collections.unmodifiableList(items);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            map.forEach((key, item) -> entries.put(String.valueOf(key), unmodifiable(item)));
            return java.util.Collections.unmodifiableMap(entries);
        }
        return value;
    }
}
