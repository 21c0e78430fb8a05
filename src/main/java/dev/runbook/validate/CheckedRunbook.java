package dev.runbook.validate;

import dev.runbook.action.ActionRegistry;
import dev.runbook.source.Problem;
import dev.runbook.source.Problems;
import dev.runbook.model.Runbook;
import dev.runbook.parse.RunbookReader;
import dev.runbook.parse.RunbookSource;
import dev.runbook.plan.StepGraph;
import java.util.List;
import java.util.Optional;

/** A runbook read and validated: the model (when the file could be read) and every problem found. */
public record CheckedRunbook(Optional<Runbook> runbook, Optional<StepGraph> graph, List<Problem> problems,
                             List<Problem> warnings) {

    public CheckedRunbook(Optional<Runbook> runbook, Optional<StepGraph> graph, List<Problem> problems) {
        this(runbook, graph, problems, List.of());
    }

    public static CheckedRunbook of(RunbookSource source, ActionRegistry registry) {
        Problems problems = new Problems();
        Optional<Runbook> runbook = RunbookReader.read(source, problems);
        Optional<StepGraph> graph = runbook.map(r -> Validator.validate(r, registry, problems));
        return new CheckedRunbook(runbook, graph, problems.sorted(), problems.warnings());
    }

    public boolean ok() {
        return problems.isEmpty() && runbook.isPresent();
    }
}
