package dev.runbook.action;

import java.util.Map;
import java.util.Optional;

/**
 * Which declared actions can run in this build. Declarations (the registry) came first, so the
 * format could be validated completely; implementations arrive issue by issue, and an action
 * without one fails with a plain "not implemented yet" rather than pretending.
 */
public final class Implementations {

    /** One line per family of actions; each family's class lists its own implementations. */
    private static final Map<String, Action> BUILT_IN = merge(
            Map.of("wait", new ControlImplementations.Wait(),
                    "assert", new ControlImplementations.Assert(),
                    "confirm", new ControlImplementations.Confirm(),
                    "http.check", new HttpCheck()),
            Map.of("exec", new ProcessImplementations.Exec(),
                    "process.stop", new ProcessImplementations.Stop(),
                    "process.start", new ProcessImplementations.Start()),
            FileImplementations.all(),
            dev.runbook.git.GitImplementations.all(),
            InspectImplementations.all(),
            ReportImplementations.all(),
            SqliteImplementations.all(),
            AlembicImplementations.all());

    @SafeVarargs
    private static Map<String, Action> merge(Map<String, Action>... families) {
        Map<String, Action> all = new java.util.HashMap<>();
        for (Map<String, Action> family : families) {
            family.forEach((name, action) -> {
                if (all.put(name, action) != null) {
                    throw new IllegalStateException("action implemented twice: " + name);
                }
            });
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
