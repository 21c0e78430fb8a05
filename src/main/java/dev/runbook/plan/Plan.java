package dev.runbook.plan;

import dev.runbook.action.PreviewKind;
import dev.runbook.model.Runbook;
import dev.runbook.model.Scenario;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resolved selection of a runbook: what would run, in order, with what. Values are masked. */
public record Plan(Runbook runbook, Optional<Scenario> scenario, Map<String, String> params,
                   List<PlannedStep> steps, List<PlannedStep> onFailure, List<PlannedStep> finallySteps) {

    public Plan {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        steps = List.copyOf(steps);
        onFailure = List.copyOf(onFailure);
        finallySteps = List.copyOf(finallySteps);
    }

    /** What every run goes through: the selected steps, then finally (on_failure only runs after a failure). */
    public List<PlannedStep> alwaysRun() {
        return java.util.stream.Stream.concat(steps.stream(), finallySteps.stream()).toList();
    }

    /** Steps (and finally steps) whose dry run cannot be computed from real state. */
    public List<PlannedStep> opaque() {
        return alwaysRun().stream().filter(s -> s.preview() == PreviewKind.OPAQUE).toList();
    }

    /** "12 of 14 steps can be previewed from real state; opaque: run-tests, pip-install". */
    public String coverage() {
        List<PlannedStep> opaque = opaque();
        int total = alwaysRun().size();
        String line = (total - opaque.size()) + " of " + total + " steps can be previewed from real state";
        return opaque.isEmpty() ? line : line + "; opaque: " + String.join(", ",
                opaque.stream().map(PlannedStep::id).toList());
    }
}
