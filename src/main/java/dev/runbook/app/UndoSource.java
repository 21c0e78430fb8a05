package dev.runbook.app;

import dev.runbook.action.ActionRegistry;
import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.engine.UndoPlan;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecord;
import dev.runbook.journal.StepRecord;
import dev.runbook.model.Runbook;
import dev.runbook.model.Section;
import dev.runbook.model.Step;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The undo plan of a run, from its journal rows: the main steps whose last attempt completed (also
 * those an undo already marked undone or undo_failed, so a resumed undo plans the same steps), in
 * the order they completed, with the outputs the journal kept.
 */
final class UndoSource {

    private UndoSource() {
    }

    static UndoPlan plan(Journal journal, RunRecord undone, Runbook runbook) {
        Set<String> hooks = new HashSet<>();
        Stream.of(runbook.onFailure(), runbook.finallySteps()).flatMap(List::stream).map(Step::id).forEach(hooks::add);
        List<StepResult> completed = journal.latestSteps(undone.id()).stream()
                .filter(s -> s.status() == dev.runbook.journal.StepStatus.SUCCEEDED
                        || s.status() == dev.runbook.journal.StepStatus.UNDONE
                        || s.status() == dev.runbook.journal.StepStatus.UNDO_FAILED)
                .filter(s -> !hooks.contains(s.stepId()))
                .sorted(Comparator.comparing(s -> s.endedAt().orElse(s.startedAt())))
                .map(UndoSource::completed).toList();
        return UndoPlan.of(runbook, completed, ActionRegistry.builtIn());
    }

    private static StepResult completed(StepRecord record) {
        return new StepResult(record.stepId(), Section.STEPS, StepStatus.SUCCEEDED, record.attempt(),
                record.outputs(), null, List.of(), record.startedAt(), record.endedAt().orElse(record.startedAt()));
    }
}
