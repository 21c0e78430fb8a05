package dev.runbook.engine;

import dev.runbook.model.Step;

/**
 * What a run reports as it goes: the console, the JSON event stream and the journal each listen.
 * Called from step threads; implementations must be thread-safe.
 */
public interface RunListener {

    default void stepStarted(Step step, int attempt) {
    }

    default void stepFinished(Step step, StepResult result) {
    }

    default void undoStarted(Step step) {
    }

    RunListener NONE = new RunListener() {
    };
}
