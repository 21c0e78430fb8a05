package dev.runbook.recording;

import dev.runbook.engine.RunListener;
import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.action.ActionRegistry;
import dev.runbook.journal.Failure;
import dev.runbook.journal.RunRecorder;
import dev.runbook.journal.StepOutcome;
import dev.runbook.model.Step;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Writes the run's transitions to the journal. A step that can change something has its intent
 * made durable before the action starts; a read-only step's start may ride with the next commit.
 */
public final class JournalListener implements RunListener {

    private final RunRecorder recorder;
    private final ActionRegistry registry;
    private final boolean dryRun;
    private final java.util.Set<String> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Attempts whose outcome is recorded, keyed "step#attempt". */
    private final java.util.Set<String> ended = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public JournalListener(RunRecorder recorder, ActionRegistry registry, boolean dryRun) {
        this.recorder = recorder;
        this.registry = registry;
        this.dryRun = dryRun;
    }

    @Override
    public void stepStarted(Step step, int attempt, String title) {
        boolean probe = registry.find(step.action().action()).map(s -> s.runsInDryRun()).orElse(false)
                || step.readonly();
        started.add(step.id() + "#" + attempt);
        if (dryRun || probe) {
            recorder.readOnlyStepStarted(step.id(), attempt, title, Instant.now());
        } else {
            recorder.stepStarted(step.id(), attempt, title, Instant.now());
        }
    }

    @Override
    public void attemptFailed(Step step, StepResult result) {
        ended.add(result.stepId() + "#" + result.attempts());
        recorder.stepFinished(outcome(result));
    }

    @Override
    public void stepFinished(Step step, StepResult result) {
        int attempt = Math.max(1, result.attempts());
        Instant at = result.ended();
        if (!ended.add(result.stepId() + "#" + attempt)) {
            return; // its last attempt was recorded when it failed (a retry that was then interrupted)
        }
        if (result.status() != StepStatus.SKIPPED && started.add(result.stepId() + "#" + attempt)) {
            // Failed before any attempt (not confirmed, a template that would not render): nothing ran,
            // so its start needs no durable intent of its own.
            recorder.readOnlyStepStarted(result.stepId(), attempt, result.title(), result.started());
        }
        switch (result.status()) {
            case SKIPPED -> recorder.stepSkipped(result.stepId(), result.title(), result.error(), at);
            case SUCCEEDED, PREVIEWED -> recorder.stepFinished(new StepOutcome(result.stepId(), attempt,
                    dev.runbook.journal.StepStatus.SUCCEEDED, at, exitCode(result.outputs()), result.outputs(),
                    java.util.Optional.empty(), Failure.NONE, result.verdict().map(v -> v.recorded())));
            case INTERRUPTED -> recorder.stepFinished(new StepOutcome(result.stepId(), attempt,
                    dev.runbook.journal.StepStatus.INTERRUPTED, at, OptionalInt.empty(), Map.of(),
                    java.util.Optional.ofNullable(result.error()), result.failure().recorded(),
                    java.util.Optional.empty()));
            case UNDONE, UNDO_FAILED -> undone(result, at);
            case WOULD_REFUSE, WOULD_FAIL, NOT_CHECKED, VOUCHED -> recorder.stepFinished(new StepOutcome(
                    result.stepId(), attempt, dev.runbook.journal.StepStatus.valueOf(result.status().name()), at,
                    exitCode(result.outputs()), result.outputs(), java.util.Optional.ofNullable(result.error()),
                    result.failure().recorded(), result.verdict().map(v -> v.recorded())));
            default -> recorder.stepFinished(outcome(result));
        }
    }

    private static StepOutcome outcome(StepResult failed) {
        return new StepOutcome(failed.stepId(), Math.max(1, failed.attempts()), dev.runbook.journal.StepStatus.FAILED,
                failed.ended(), exitCode(failed.outputs()), failed.outputs(), java.util.Optional.ofNullable(
                failed.error()), failed.failure().recorded(), failed.verdict().map(v -> v.recorded()));
    }

    @Override
    public void verifyChecked(Step step, int attempt, int position, String action, boolean ok, String message) {
        recorder.verificationChecked(step.id(), attempt, position, action, ok, java.util.Optional.ofNullable(message),
                Instant.now());
    }

    /** The undo action's own row, then the step it reversed marked undone (or not). */
    private void undone(StepResult result, Instant at) {
        boolean ok = result.status() == StepStatus.UNDONE;
        recorder.stepFinished(new StepOutcome(result.stepId(), Math.max(1, result.attempts()),
                ok ? dev.runbook.journal.StepStatus.SUCCEEDED : dev.runbook.journal.StepStatus.FAILED, at,
                OptionalInt.empty(), result.outputs(), java.util.Optional.ofNullable(result.error()),
                result.failure().recorded(), java.util.Optional.empty()));
        int undoAt = result.stepId().indexOf(":undo");
        if (undoAt > 0) {
            recorder.stepUndone(result.stepId().substring(0, undoAt), ok, ok ? "undone by the rollback"
                    : "its undo failed: " + result.error(), at);
        }
    }

    private static OptionalInt exitCode(Map<String, Object> outputs) {
        Object code = outputs.get("exit_code");
        return code instanceof Number number ? OptionalInt.of(number.intValue()) : OptionalInt.empty();
    }
}
