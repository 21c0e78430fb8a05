package dev.runbook.action;

import dev.runbook.source.Problems;
import dev.runbook.spec.Durations;
import dev.runbook.spec.Field;
import dev.runbook.values.Sizes;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Plain;
import dev.runbook.yaml.YamlLoader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An action's arguments after rendering, read by their declared types; a declared default applies
 * when an argument is absent. A template that rendered to the wrong type ("{{ x }}" giving "soon"
 * for a duration) is an {@link ActionException} naming the argument.
 */
public final class Arguments {

    private static final Map<String, Optional<Object>> DEFAULTS = new java.util.concurrent.ConcurrentHashMap<>();

    private final ActionSpec spec;
    private final Map<String, Object> values;

    public Arguments(ActionSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, Object> values() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** The value as given, or the declared default (parsed from its YAML form), or empty. */
    public Optional<Object> raw(String name) {
        Object value = values.get(name);
        if (value != null) {
            return Optional.of(value);
        }
        return spec.param(name).map(Field::defaultValue).flatMap(Arguments::parsedDefault);
    }

    public Optional<String> string(String name) {
        return raw(name).map(String::valueOf);
    }

    String requiredText(String name) throws ActionException {
        return required(name);
    }

    /** A list of integers; a lone value is a one-item list. */
    List<Long> integers(String name) throws ActionException {
        List<Long> numbers = new java.util.ArrayList<>();
        for (String text : strings(name)) {
            try {
                numbers.add(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                throw wrong(name, "a list of integers", text);
            }
        }
        return numbers;
    }

    /** Reading a parameter the action did not declare is a programming error, found by the first test. */
    void checkDeclared(Param<?> param) {
        if (!spec.param(param.name()).map(param.field()::equals).orElse(false)) {
            throw new IllegalStateException(spec.name() + " reads parameter '" + param.name()
                    + "', which it does not declare (or declares differently)");
        }
    }

    public String required(String name) throws ActionException {
        return string(name).orElseThrow(() -> new ActionException("'" + name + "' is required"));
    }

    public boolean bool(String name) throws ActionException {
        Optional<Object> value = raw(name);
        if (value.isEmpty()) {
            return false;
        }
        String text = String.valueOf(value.get());
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw wrong(name, "true or false", text);
    }

    public Optional<Long> integer(String name) throws ActionException {
        Optional<Object> value = raw(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(String.valueOf(value.get()).trim()));
        } catch (NumberFormatException e) {
            throw wrong(name, "an integer", String.valueOf(value.get()));
        }
    }

    public Optional<Duration> duration(String name) throws ActionException {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Durations.parse(text.get()).orElseThrow(() -> wrong(name, "a duration", text.get())));
    }

    public Optional<Long> size(String name) throws ActionException {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Sizes.parse(text.get()).orElseThrow(() -> wrong(name, "a size", text.get())));
    }

    /** A list of strings; a lone value is a one-item list. */
    public List<String> strings(String name) {
        Optional<Object> value = raw(name);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value.get()));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        return raw(name).filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).orElse(Map.of());
    }

    private ActionException wrong(String name, String expected, String found) {
        return new ActionException("'" + name + "' of " + spec.name() + " must be " + expected + ", found \"" + found
                + "\"");
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
            List<Object> items = new java.util.ArrayList<>(list.size());
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
