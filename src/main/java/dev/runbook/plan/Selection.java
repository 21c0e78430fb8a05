package dev.runbook.plan;

import dev.runbook.model.Runbook;
import dev.runbook.model.Scenario;
import dev.runbook.model.Step;
import dev.runbook.model.Text;
import dev.runbook.spec.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which steps run: a scenario's steps and all they need; or {@code --only} ids exactly; then
 * {@code --from} keeps that step and everything after it in graph order.
 */
final class Selection {

    private Selection() {
    }

    static List<Step> select(Runbook runbook, StepGraph graph, PlanRequest request) throws PlanError {
        List<String> ids = runbook.steps().stream().map(Step::id).toList();
        Set<String> chosen = new LinkedHashSet<>(ids);
        if (request.scenario().isPresent()) {
            Scenario scenario = scenario(runbook, request.scenario().get());
            chosen = graph.withDependencies(scenario.steps().stream().map(Text::value).toList());
        }
        if (!request.only().isEmpty()) {
            for (String id : request.only()) {
                requireStep(id, ids, "--only");
            }
            chosen.retainAll(Set.copyOf(request.only()));
            if (chosen.isEmpty()) {
                throw new PlanError("--only " + String.join(",", request.only()) + " selects no step of scenario '"
                        + request.scenario().orElse("") + "'", "leave out --scenario, or pick steps it runs");
            }
        }
        List<Step> ordered = new ArrayList<>();
        for (Step step : graph.order()) {
            if (chosen.contains(step.id())) {
                ordered.add(step);
            }
        }
        if (request.from().isPresent()) {
            String from = request.from().get();
            requireStep(from, ids, "--from");
            int at = indexOf(ordered, from);
            if (at < 0) {
                throw new PlanError("--from " + from + ": that step is not in the selection",
                        "pick a step of the scenario, or leave out --scenario");
            }
            ordered = new ArrayList<>(ordered.subList(at, ordered.size()));
        }
        return ordered;
    }

    private static Scenario scenario(Runbook runbook, String name) throws PlanError {
        Optional<Scenario> scenario = runbook.scenario(name);
        if (scenario.isEmpty()) {
            List<String> names = runbook.scenarios().stream().map(Scenario::name).toList();
            String close = Suggestions.didYouMean(name, names);
            throw new PlanError("unknown scenario '" + name + "'", close != null ? close
                    : names.isEmpty() ? "this runbook has no scenarios" : "scenarios: " + String.join(", ", names));
        }
        return scenario.get();
    }

    private static void requireStep(String id, List<String> ids, String option) throws PlanError {
        if (!ids.contains(id)) {
            String close = Suggestions.didYouMean(id, ids);
            throw new PlanError(option + ": unknown step '" + id + "'", close != null ? close
                    : "steps: " + String.join(", ", ids));
        }
    }

    private static int indexOf(List<Step> steps, String id) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
