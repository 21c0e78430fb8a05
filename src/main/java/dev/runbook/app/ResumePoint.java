package dev.runbook.app;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.ActionSpec;
import dev.runbook.engine.Resumption;
import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.journal.StepRecord;
import dev.runbook.action.Effect;
import dev.runbook.model.Runbook;
import dev.runbook.model.Section;
import dev.runbook.model.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a run stands, from its journal rows: the steps that completed (not run again), the attempts
 * left {@code running} by a process that died (closed as interrupted before anything new starts),
 * and the steps cut off mid-way whose effect is unknown and which are not safe to run again.
 */
record ResumePoint(Resumption resumption, List<StepRecord> leftRunning, List<Step> unsafeToRerun) {

    static ResumePoint of(Runbook runbook, List<StepRecord> attempts, List<StepRecord> latest,
                          ActionRegistry registry, boolean retryInterrupted) {
        Map<String, Step> steps = new HashMap<>();
        Stream.of(runbook.steps(), runbook.onFailure(), runbook.finallySteps()).flatMap(List::stream)
                .forEach(s -> steps.put(s.id(), s));
        Map<String, Integer> attemptsSoFar = new HashMap<>();
        attempts.forEach(a -> attemptsSoFar.merge(a.stepId(), a.attempt(), Math::max));
        List<StepRecord> completed = new ArrayList<>();
        List<StepRecord> leftRunning = new ArrayList<>();
        List<Step> unsafe = new ArrayList<>();
        for (StepRecord record : latest) {
            Step step = steps.get(record.stepId());
            if (step == null) {
                continue; // gone from a runbook changed since (--force): nothing to run or undo
            }
            switch (record.status()) {
                case SUCCEEDED -> {
                    if (step.section() == Section.STEPS) {
                        completed.add(record); // on_failure and finally run again for how this invocation ends
                    }
                }
                case RUNNING, INTERRUPTED -> {
                    if (record.running()) {
                        leftRunning.add(record);
                    }
                    if (!retryInterrupted && !idempotent(step, registry)) {
                        unsafe.add(step);
                    }
                }
                default -> {
                    // failed, skipped (its condition is evaluated again), undone: run again
                }
            }
        }
        completed.sort(Comparator.comparing(r -> r.endedAt().orElse(r.startedAt())));
        List<StepResult> results = completed.stream().map(r -> new StepResult(r.stepId(),
                steps.get(r.stepId()).section(), StepStatus.SUCCEEDED, r.attempt(), r.outputs(), null, List.of(),
                r.startedAt(), r.endedAt().orElse(r.startedAt()), r.title().orElse(null))).toList();
        return new ResumePoint(new Resumption(results, attemptsSoFar), leftRunning, unsafe);
    }

    /**
     * An idempotent action, or a step that says so, can be run again whatever the last attempt did;
     * so can a step that changes nothing: a read-only action, or an exec step marked {@code readonly}
     * (its attempt cut off by a crash changed nothing, so there is nothing to check first).
     */
    static boolean idempotent(Step step, ActionRegistry registry) {
        Optional<ActionSpec> spec = registry.find(step.action().action());
        return changesNothing(step, registry) || step.idempotent().orElse(false)
                || spec.map(ActionSpec::idempotent).orElse(false);
    }

    /** A read-only action, or a step marked {@code readonly}. */
    static boolean changesNothing(Step step, ActionRegistry registry) {
        return step.readonly() || registry.find(step.action().action()).map(s -> s.effect() == Effect.READ_ONLY)
                .orElse(false);
    }
}
