package dev.runbook.cli;

import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runbook history}: the journal's runs, newest first. */
@Command(name = "history", description = "List past runs from the journal, newest first.",
        mixinStandardHelpOptions = true)
final class HistoryCommand implements Callable<Integer> {

    @Mixin
    StateOption state;

    @Option(names = "--limit", paramLabel = "N", description = "How many runs (default 20).")
    int limit = 20;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError {
        PrintWriter out = spec.commandLine().getOut();
        try (Journal journal = state.openExisting()) {
            List<RunRecord> runs = journal.history(limit);
            out.printf("%-22s %-28s %-12s %-8s %-21s %s%n", "RUN", "RUNBOOK", "STATUS", "DRY RUN", "STARTED", "TOOK");
            for (RunRecord run : runs) {
                String took = run.endedAt().map(end -> Duration.between(run.startedAt(), end).toMillis() + " ms")
                        .orElse("-");
                out.printf("%-22s %-28s %-12s %-8s %-21s %s%n", run.id(), run.runbook(), run.status().word(),
                        run.dryRun() ? "yes" : "no", run.startedAt().toString().replaceFirst("\\.\\d+Z$", "Z"), took);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
