package dev.runbook.action;

import java.util.Map;
import java.util.Optional;

/**
 * Which declared actions can run in this build. Declarations (the registry) came first, so the
 * format could be validated completely; implementations arrive issue by issue, and an action
 * without one fails with a plain "not implemented yet" rather than pretending.
 */
public final class Implementations {

    private static final Map<String, Action> BUILT_IN = byName(BuiltIns.ALL);

    private static Map<String, Action> byName(java.util.List<BuiltIn> actions) {
        Map<String, Action> all = new java.util.HashMap<>();
        for (BuiltIn action : actions) {
            if (all.put(action.spec().name(), action) != null) {
                throw new IllegalStateException("action implemented twice: " + action.spec().name());
            }
        }
        return Map.copyOf(all);
    }

    private final Map<String, Action> byName;

    public Implementations(Map<String, Action> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static Implementations builtIn() {
        return new Implementations(BUILT_IN);
    }

    public Optional<Action> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
