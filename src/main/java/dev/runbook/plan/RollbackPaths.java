package dev.runbook.plan;

import dev.runbook.action.Effect;
import dev.runbook.model.OnError;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollback path of a plan, previewed: for every selected step that changes something, which
 * undo actions would run, in order, if it failed (its on_error: rollback undoes every step
 * completed before it, last completed first, each step's undo list in the order written; abort and
 * continue undo nothing); and the steps that change something and declare no undo (nor
 * undone_by), which no rollback or `runbook undo` can reverse. Steps run in plan order (--jobs 1);
 * with more jobs a step may fail before a sibling completes, so its path is at most this.
 */
public record RollbackPaths(List<IfFails> paths, List<String> irreversible) {

    /** If {@code stepId} failed: its on_error, and the undo actions that would run ("id:undo action: what"). */
    public record IfFails(String stepId, OnError onError, List<String> undos) {
        public IfFails {
            undos = List.copyOf(undos);
        }
    }

    public RollbackPaths {
        paths = List.copyOf(paths);
        irreversible = List.copyOf(irreversible);
    }

    public static RollbackPaths of(Plan plan) {
        List<IfFails> paths = new ArrayList<>();
        List<String> irreversible = new ArrayList<>();
        List<String> completedUndos = new ArrayList<>(); // undo actions of the steps before, in run order
        for (PlannedStep step : plan.steps()) {
            boolean changes = changes(step);
            if (changes) {
                OnError onError = step.step().onError().or(() -> plan.runbook().defaults().onError())
                        .orElse(OnError.ABORT);
                List<String> undos = new ArrayList<>();
                if (onError == OnError.ROLLBACK) {
                    for (int i = completedUndos.size() - 1; i >= 0; i--) {
                        undos.add(completedUndos.get(i));
                    }
                }
                paths.add(new IfFails(step.id(), onError, undos));
                if (step.undo().isEmpty() && step.step().undoneBy().isEmpty()) {
                    irreversible.add(step.id());
                }
            }
            // Reversed later as a whole: this step's undo list keeps its written order within the path.
            List<String> own = new ArrayList<>();
            boolean several = step.undo().size() > 1;
            for (int i = 0; i < step.undo().size(); i++) {
                own.add(step.id() + ":undo" + (several ? ":" + (i + 1) : "") + " " + step.undo().get(i));
            }
            java.util.Collections.reverse(own);
            completedUndos.addAll(own);
        }
        return new RollbackPaths(paths, irreversible);
    }

    private static boolean changes(PlannedStep step) {
        return step.spec().effect() != Effect.READ_ONLY && !step.step().readonly();
    }

    /** For people: one block per step that changes something, then the irreversible ones. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("if a step fails:");
        for (IfFails path : paths) {
            String word = path.onError().name().toLowerCase(java.util.Locale.ROOT);
            if (path.onError() != OnError.ROLLBACK) {
                lines.add("  " + path.stepId() + ": nothing is undone (on_error: " + word + ")");
            } else if (path.undos().isEmpty()) {
                lines.add("  " + path.stepId() + ": rollback, but nothing before it declares an undo");
            } else {
                lines.add("  " + path.stepId() + ": rollback runs " + path.undos().size() + " undo"
                        + (path.undos().size() == 1 ? "" : "s") + ", in order:");
                path.undos().forEach(undo -> lines.add("    " + undo));
            }
        }
        lines.add(irreversible.isEmpty() ? "irreversible: none (every step that changes something declares an undo)"
                : "irreversible (change something, declare no undo): " + String.join(", ", irreversible));
        return lines;
    }
}
