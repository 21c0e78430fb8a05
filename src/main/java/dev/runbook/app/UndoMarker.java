package dev.runbook.app;

import dev.runbook.engine.RunListener;
import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.engine.UndoPlan;
import dev.runbook.journal.RunRecorder;
import dev.runbook.model.Step;
import java.util.List;

/**
 * Marks the undone run's steps as an undo run goes: {@code undone} once the last action of a step's
 * undo succeeded, {@code undo_failed} as soon as one fails or is cut off (its effect may still be
 * there). An undo action skipped (its {@code when} was false, or the undo stopped before it) marks
 * nothing: a skip does not say which, and either way that step's change was not reversed by this
 * run. Listens after the journal listener, so a mark is queued behind the undo action's outcome;
 * at the start of a resume it marks again what the killed process had finished, in case the mark
 * was lost with it.
 */
final class UndoMarker implements RunListener {

    private final RunRecorder recorder;
    private final UndoPlan plan;
    private final String undoneRunId;
    private final List<StepResult> finishedBefore;

    UndoMarker(RunRecorder recorder, UndoPlan plan, String undoneRunId, List<StepResult> finishedBefore) {
        this.recorder = recorder;
        this.plan = plan;
        this.undoneRunId = undoneRunId;
        this.finishedBefore = List.copyOf(finishedBefore);
    }

    @Override
    public void runStarted(String runId, String runbook, boolean dryRun) {
        finishedBefore.forEach(this::mark);
    }

    @Override
    public void stepFinished(Step step, StepResult result) {
        mark(result);
    }

    private void mark(StepResult result) {
        plan.reversed(result.stepId()).ifPresent(forwardStep -> {
            if (result.status() == StepStatus.SUCCEEDED && plan.lastOfStep().contains(result.stepId())) {
                recorder.stepUndoneIn(undoneRunId, forwardStep, true, "undone by run " + recorder.runId());
            } else if (result.status() != StepStatus.SUCCEEDED && result.status() != StepStatus.SKIPPED) {
                recorder.stepUndoneIn(undoneRunId, forwardStep, false, "its undo failed in run " + recorder.runId()
                        + ": " + result.error());
            }
        });
    }
}
