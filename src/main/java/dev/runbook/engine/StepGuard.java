package dev.runbook.engine;

import dev.runbook.action.ActionSpec;
import dev.runbook.action.Arguments;
import dev.runbook.model.Step;
import java.util.List;

/**
 * Called right before a selected step is run or previewed, once its condition holds and its
 * arguments are rendered, and before its confirmation is asked: a saved plan records what the
 * step's preview reads (dry run), or checks it has not drifted since (apply). Lines returned stop
 * the run before that step: the step fails without an attempt, no new step starts and nothing is
 * rolled back. Called from step threads; implementations must be thread-safe.
 */
@FunctionalInterface
public interface StepGuard {

    /** Empty to go on; otherwise one line per reason to stop before {@code step}. */
    List<String> before(Step step, ActionSpec spec, Arguments arguments);

    /** What a dry run renders for an output that is only known once its step has run (it names no real path). */
    String UNKNOWN_OUTPUT = StepRunner.UNKNOWN;

    StepGuard NONE = (step, spec, arguments) -> List.of();
}
