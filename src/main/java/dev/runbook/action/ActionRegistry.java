package dev.runbook.action;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The one registry of built-in actions, in the order the docs list them. */
public final class ActionRegistry {

    private static final ActionRegistry BUILT_IN = new ActionRegistry(BuiltIns.ALL.stream().map(BuiltIn::spec)
            .toList());

    private final Map<String, ActionSpec> byName = new LinkedHashMap<>();

    ActionRegistry(List<ActionSpec> specs) {
        for (ActionSpec spec : specs) {
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalStateException("action declared twice: " + spec.name());
            }
        }
    }

    public static ActionRegistry builtIn() {
        return BUILT_IN;
    }

    public Optional<ActionSpec> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<ActionSpec> all() {
        return byName.values();
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
