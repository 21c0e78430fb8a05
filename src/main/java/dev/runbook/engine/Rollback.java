package dev.runbook.engine;

import dev.runbook.model.ActionCall;
import dev.runbook.model.Section;
import dev.runbook.model.Step;
import dev.runbook.model.Text;
import dev.runbook.plan.StepGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The automatic rollback: the undo of every completed step, last completed first; one step's undo
 * list runs in the order written. A failing undo is recorded and the rest still run: a partial
 * rollback is better than none, and the run then ends failed rather than rolled back.
 */
final class Rollback {

    private final StepRunner runner;
    private final RunListener listener;

    Rollback(StepRunner runner, RunListener listener) {
        this.runner = runner;
        this.listener = listener;
    }

    /** True when every undo succeeded. Adds one result per undo action to {@code results}. */
    boolean undo(StepGraph graph, List<StepResult> results, RunContext context) {
        List<StepResult> completed = new ArrayList<>(results.stream()
                .filter(r -> r.status() == StepStatus.SUCCEEDED && r.section() == Section.STEPS).toList());
        java.util.Collections.reverse(completed);
        boolean allUndone = true;
        for (StepResult done : completed) {
            Step step = graph.step(done.stepId());
            if (step.undo().isEmpty()) {
                continue;
            }
            listener.undoStarted(step, StepRunner.title(step, context));
            int index = 0;
            for (ActionCall call : step.undo()) {
                index++;
                Step undo = asStep(step, call, index);
                StepResult result = runner.run(undo, context, new dev.runbook.action.Cancellation());
                if (result.status() == StepStatus.SKIPPED) { // its when was false: nothing to reverse
                    results.add(result);
                    listener.stepFinished(undo, result);
                    continue;
                }
                StepStatus status = result.status() == StepStatus.SUCCEEDED || result.status() == StepStatus.PREVIEWED
                        ? StepStatus.UNDONE : StepStatus.UNDO_FAILED;
                StepResult recorded = result.withStatus(status, Instant.now());
                allUndone &= status == StepStatus.UNDONE;
                results.add(recorded);
                listener.stepFinished(undo, recorded);
            }
        }
        return allUndone;
    }

    /**
     * An undo action runs like a step of its own, named after the step it reverses. Its title is its
     * own, or "Undo: " and the step's (numbered when the step has several undo actions).
     */
    private static Step asStep(Step step, ActionCall call, int index) {
        boolean several = step.undo().size() > 1;
        Optional<Text> title = call.title().or(() -> step.title().map(t -> new Text("Undo" + (several ? " "
                + index : "") + ": " + t.value(), t.location())));
        // ':' cannot appear in a step id, so "backup:undo" never clashes with a step of the runbook.
        return new Step(step.id() + ":undo" + (several ? ":" + index : ""), call.location(),
                Section.STEPS, title, call, Optional.of(List.of()), call.when(), Optional.empty(),
                step.timeout(), Optional.empty(), List.of(), List.of(), Optional.empty(), false, Optional.empty());
    }
}
