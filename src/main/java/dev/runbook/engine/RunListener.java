package dev.runbook.engine;

import dev.runbook.model.Step;

/**
 * What a run reports as it goes: the console, the JSON event stream and the journal each listen.
 * Called from step threads; implementations must be thread-safe.
 */
public interface RunListener {

    default void runStarted(String runId, String runbook, boolean dryRun) {
    }

    default void runFinished(String runId, RunResult result) {
    }

    /** {@code title}: the step's title rendered, or null when it has none. */
    default void stepStarted(Step step, int attempt, String title) {
    }

    default void stepFinished(Step step, StepResult result) {
    }

    /**
     * An attempt failed and the step will try again ({@code retry}): {@code result} is that attempt's
     * end. The step's own end still comes as {@link #stepFinished}, with its last attempt.
     */
    default void attemptFailed(Step step, StepResult result) {
    }

    /** {@code title}: the title of the step being undone, rendered, or null when it has none. */
    default void undoStarted(Step step, String title) {
    }

    /**
     * One verify check of a step's attempt has run: {@code position} counts the step's checks from 1;
     * {@code message} says why it failed (null when it passed). Checks after a failing one do not run.
     */
    default void verifyChecked(Step step, int attempt, int position, String action, boolean ok, String message) {
    }

    RunListener NONE = new RunListener() {
    };

    /** Several listeners, called in order. */
    static RunListener all(java.util.List<RunListener> listeners) {
        return new RunListener() {
            @Override
            public void runStarted(String runId, String runbook, boolean dryRun) {
                listeners.forEach(l -> l.runStarted(runId, runbook, dryRun));
            }

            @Override
            public void runFinished(String runId, RunResult result) {
                listeners.forEach(l -> l.runFinished(runId, result));
            }

            @Override
            public void stepStarted(Step step, int attempt, String title) {
                listeners.forEach(l -> l.stepStarted(step, attempt, title));
            }

            @Override
            public void stepFinished(Step step, StepResult result) {
                listeners.forEach(l -> l.stepFinished(step, result));
            }

            @Override
            public void attemptFailed(Step step, StepResult result) {
                listeners.forEach(l -> l.attemptFailed(step, result));
            }

            @Override
            public void undoStarted(Step step, String title) {
                listeners.forEach(l -> l.undoStarted(step, title));
            }

            @Override
            public void verifyChecked(Step step, int attempt, int position, String action, boolean ok,
                                      String message) {
                listeners.forEach(l -> l.verifyChecked(step, attempt, position, action, ok, message));
            }
        };
    }
}
