package dev.runbook.cli;

import dev.runbook.engine.RunResult;
import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.engine.UndoPlan;
import dev.runbook.journal.RunRecord;
import dev.runbook.json.PlainJson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code runbook undo} tells the operator before anything changes, and its last line. */
final class UndoListing {

    private UndoListing() {
    }

    static void print(PrintWriter err, RunRecord undone, UndoPlan plan) {
        err.println("undo of run " + undone.id() + " (" + undone.runbook() + ", " + undone.status().word() + "): "
                + plan.steps().size() + " undo action(s), the last completed step's first:");
        plan.steps().forEach(step -> err.println("  " + step.id() + "  " + step.action().action()));
        if (!plan.irreversible().isEmpty()) {
            err.println("cannot be undone (changed something, and no undo; left as they are):");
            plan.irreversible().forEach(i -> err.println("  " + i.stepId() + "  " + i.action() + ": " + i.why()));
        }
        err.flush();
    }

    /** --json: the same as one {@code undo_planned} event, before the run's own events (docs/EVENTS.md). */
    static void event(PrintWriter out, RunRecord undone, UndoPlan plan) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "undo_planned");
        event.put("time", java.time.Instant.now().toString());
        event.put("undoes", undone.id());
        event.put("steps", plan.steps().stream().map(s -> Map.of("step", s.id(), "action", s.action().action(),
                "reverses", plan.reversed(s.id()).orElse(""))).toList());
        event.put("irreversible", plan.irreversible().stream().map(i -> Map.of("step", i.stepId(), "action",
                i.action(), "why", i.why())).toList());
        out.println(PlainJson.write(event));
        out.flush();
    }

    /** The last line: how the undo ended, or for a dry run every reason the real undo would stop. */
    static void ending(PrintWriter err, RunResult result, boolean dryRun, boolean refusesPartial, String undoRunId) {
        if (dryRun) {
            List<StepResult> refusing = refusing(result);
            if (refusing.isEmpty() && !refusesPartial) {
                err.println("undo preview: every undo action would run");
                return;
            }
            String steps = refusing.stream().map(r -> r.stepId() + (r.error() == null ? " (would refuse; see its "
                    + "preview)" : " (" + r.error() + ")")).collect(Collectors.joining(", "));
            err.println("undo preview: the undo would stop: " + (refusesPartial ? "it is partial (--accept-partial)"
                    + (steps.isEmpty() ? "" : "; ") : "") + steps);
        } else if (result.status() == dev.runbook.engine.RunStatus.SUCCEEDED) {
            err.println("undone: run " + undoRunId + " reversed it");
        } else if (result.status() != dev.runbook.engine.RunStatus.INTERRUPTED) {
            err.println("the undo stopped at '" + result.failedStep().orElse("?") + "'");
        }
        ResumeHint.of(result, undoRunId).filter(h -> !dryRun).ifPresent(err::println);
    }

    /** Dry run: the undo actions whose preview would refuse, or failed (a probe, a template, a refusal). */
    static List<StepResult> refusing(RunResult result) {
        return result.results().stream().filter(r -> r.refused() || r.status().wouldStop()
                || r.status() == StepStatus.FAILED || r.status() == StepStatus.VERIFY_FAILED).toList();
    }
}
