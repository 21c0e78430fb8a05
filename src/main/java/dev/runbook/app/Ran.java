package dev.runbook.app;

import dev.runbook.engine.RunResult;
import dev.runbook.plan.Plan;
import java.util.Optional;

/**
 * A run, resume or undo that went through the engine: its id in the journal, the engine's result,
 * the exit code its last event announced, and (for a new run) the plan it ran.
 */
public record Ran(String runId, RunResult result, int exitCode, Optional<Plan> plan) {
}
