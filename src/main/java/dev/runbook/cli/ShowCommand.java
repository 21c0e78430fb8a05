package dev.runbook.cli;

import dev.runbook.journal.Journal;
import dev.runbook.journal.ResumeRecord;
import dev.runbook.journal.RunRecord;
import dev.runbook.journal.StepRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbook show RUN_ID}: one run from the journal, every attempt of every step (its title
 * beside its id, a failed one with its error), and every resume where it came.
 */
@Command(name = "show", description = "Show one run from the journal: its steps, statuses and errors.",
        mixinStandardHelpOptions = true)
final class ShowCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run (see 'runbook history').")
    String runId;

    @Mixin
    StateOption state;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError {
        PrintWriter out = spec.commandLine().getOut();
        if (FleetViews.isFleet(runId)) {
            out.print(FleetViews.read(state, runId).text());
            out.flush();
            return ExitCodes.OK;
        }
        try (Journal journal = state.openExisting()) {
            RunRecord run = journal.run(runId).orElseThrow(() -> new CliError(ExitCodes.NO_INPUT,
                    "no run " + runId + " in " + state.journalFile(), "'runbook history' lists the runs"));
            out.println("run " + run.id() + " of " + run.runbook() + (run.dryRun() ? " (dry run)" : "") + ": "
                    + run.status().word());
            out.println("scenario: " + run.scenario().orElse("(all steps)") + "  user: " + run.user() + "  host: "
                    + run.host() + "  started: " + run.startedAt());
            out.println("params: " + run.params());
            journal.planOf(runId).ifPresent(sha -> out.println("plan: " + sha + " (applied with runbook apply)"));
            run.origin().undoes().ifPresent(undone -> out.println("undoes: run " + undone));
            journal.undoRuns(runId).forEach(undo -> out.println("undone by: run " + undo.id() + " ("
                    + undo.status().word() + ")"));
            java.util.Deque<ResumeRecord> resumes = new java.util.ArrayDeque<>(journal.resumes(runId));
            for (StepRecord step : journal.steps(runId)) {
                while (!resumes.isEmpty() && !resumes.peek().resumedAt().isAfter(step.startedAt())) {
                    resumed(out, resumes.pop());
                }
                // How it failed (or what a dry run's preview concluded) as its kind says, before the error.
                String kind = step.failureSentence().or(() -> step.verdict().map(v -> v.sentence()))
                        .map(k -> "  [" + k + "]").orElse("");
                out.printf("  %-24s #%d %-12s %s%s%s%n", step.label(), step.attempt(), step.status().word(),
                        step.duration().map(dev.runbook.report.Times::duration).orElse(""), kind,
                        step.error().or(step::reason).map(e -> "  " + e).orElse(""));
            }
            resumes.forEach(r -> resumed(out, r));
            java.util.List<String> unchecked = journal.latestSteps(runId).stream().filter(s -> s.status()
                    == dev.runbook.journal.StepStatus.NOT_CHECKED || s.status() == dev.runbook.journal.StepStatus.VOUCHED)
                    .map(s -> s.stepId() + " " + s.status().word()).toList();
            if (!unchecked.isEmpty()) {
                out.println("human checks no person made: " + String.join(", ", unchecked));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** A resume, between the attempts before it and those it made. */
    private static void resumed(PrintWriter out, ResumeRecord resume) {
        out.println("  -- resumed " + resume.resumedAt() + " (the run was " + resume.statusBefore().word() + ") on "
                + resume.host() + " --");
    }
}
