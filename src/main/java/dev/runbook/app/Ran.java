package dev.runbook.app;

import dev.runbook.engine.RunResult;
import dev.runbook.plan.Plan;
import dev.runbook.template.Masker;
import java.util.List;
import java.util.Optional;

/**
 * A run, resume or undo that went through the engine: its id in the journal, the engine's result,
 * the exit code its last event announced, (for a new run) the plan it ran, and the masker of its
 * secrets, for lines the caller prints about it afterwards (the dry run's gate line).
 */
public record Ran(String runId, RunResult result, int exitCode, Optional<Plan> plan, Masker masker) {

    public Ran(String runId, RunResult result, int exitCode, Optional<Plan> plan) {
        this(runId, result, exitCode, plan, new Masker(List.of()));
    }
}
