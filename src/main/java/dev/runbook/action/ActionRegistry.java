package dev.runbook.action;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The one registry of built-in actions, in the order the docs list them; each declaration made when first asked for (BuiltIns). */
public final class ActionRegistry {

    private static final ActionRegistry BUILT_IN = new ActionRegistry();

    private ActionRegistry() {
    }

    public static ActionRegistry builtIn() {
        return BUILT_IN;
    }

    public Optional<ActionSpec> find(String name) {
        return BuiltIns.named(name).map(BuiltIn::spec);
    }

    public Collection<ActionSpec> all() {
        return BuiltIns.all().stream().map(BuiltIn::spec).toList();
    }

    public List<String> names() {
        return BuiltIns.NAMES;
    }
}
