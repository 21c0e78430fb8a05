package dev.runbook.engine;

import java.util.List;
import java.util.Optional;

/** How a run ended and every step's result, in the order they finished (undo and hooks included). */
public record RunResult(RunStatus status, List<StepResult> results, Optional<String> failedStep) {

    public RunResult {
        results = List.copyOf(results);
    }

    /** Dry run: the probes not run because they check what an earlier, only previewed, step changes. */
    public List<String> notProbed() {
        return results.stream().filter(StepResult::notProbed).map(StepResult::stepId).toList();
    }

    /** Dry run: the steps the real run would not get past (would refuse, would fail), in the order they ended. */
    public List<StepResult> wouldStop() {
        return results.stream().filter(r -> r.status().wouldStop()).toList();
    }

    /** The steps that are human checks and were not checked by a person (none answered, or vouched for). */
    public List<StepResult> unchecked() {
        return results.stream().filter(r -> r.status() == StepStatus.NOT_CHECKED || r.status() == StepStatus.VOUCHED)
                .toList();
    }

    public Optional<StepResult> result(String stepId) {
        return results.stream().filter(r -> r.stepId().equals(stepId)).reduce((first, second) -> second);
    }
}
