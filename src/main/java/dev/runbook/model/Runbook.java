package dev.runbook.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed runbook: immutable, every value with its position. {@code unreadable} names the
 * top-level sections that were present but of the wrong shape (already reported): checks of
 * references into them are skipped rather than reported a second time.
 */
public record Runbook(String file, String sha256, int format, String name, String title, String description,
                      List<Param> params, List<Var> vars, List<Scenario> scenarios, Defaults defaults,
                      List<Step> steps, List<Step> onFailure, List<Step> finallySteps, Set<String> unreadable,
                      Optional<Text> lock, boolean approvalRequired) {

    public Runbook {
        unreadable = Set.copyOf(unreadable);
        params = List.copyOf(params);
        vars = List.copyOf(vars);
        scenarios = List.copyOf(scenarios);
        steps = List.copyOf(steps);
        onFailure = List.copyOf(onFailure);
        finallySteps = List.copyOf(finallySteps);
    }

    /** A runbook without {@code approval: required}: its saved plans are applied without an approval. */
    public Runbook(String file, String sha256, int format, String name, String title, String description,
                   List<Param> params, List<Var> vars, List<Scenario> scenarios, Defaults defaults,
                   List<Step> steps, List<Step> onFailure, List<Step> finallySteps, Set<String> unreadable,
                   Optional<Text> lock) {
        this(file, sha256, format, name, title, description, params, vars, scenarios, defaults, steps, onFailure,
                finallySteps, unreadable, lock, false);
    }

    public Optional<Scenario> scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The secret params' names: a run may hold one even when none was given (a default). */
    public java.util.Set<String> secretNames() {
        return params.stream().filter(Param::secret).map(Param::name).collect(java.util.stream.Collectors.toSet());
    }
}
