package dev.runbook.action;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which declared actions can run in this build. Declarations (the registry) came first, so the
 * format could be validated completely; implementations arrive issue by issue, and an action
 * without one fails with a plain "not implemented yet" rather than pretending.
 */
public final class Implementations {

    private static final Implementations BUILT_IN = new Implementations(name -> BuiltIns.named(name).map(Action.class::cast));

    private final Function<String, Optional<Action>> byName;

    public Implementations(Map<String, Action> byName) {
        Map<String, Action> given = Map.copyOf(byName);
        this.byName = name -> Optional.ofNullable(given.get(name));
    }

    private Implementations(Function<String, Optional<Action>> byName) {
        this.byName = byName;
    }

    /** Every built-in action, each made when first asked for (BuiltIns). */
    public static Implementations builtIn() {
        return BUILT_IN;
    }

    public Optional<Action> find(String name) {
        return byName.apply(name);
    }
}
