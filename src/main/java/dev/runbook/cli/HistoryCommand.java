package dev.runbook.cli;

import dev.runbook.journal.HistoryQuery;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecord;
import dev.runbook.journal.RunStatus;
import dev.runbook.json.PlainJson;
import dev.runbook.report.Times;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runbook history}: the journal's runs, newest first, filtered; as a table or as JSON. */
@Command(name = "history", description = "List past runs from the journal, newest first (dry runs only with "
        + "--dry-runs).", mixinStandardHelpOptions = true)
final class HistoryCommand implements Callable<Integer> {

    @Mixin
    StateOption state;

    @Option(names = "--limit", paramLabel = "N", description = "How many runs (default 20).")
    int limit = 20;

    @Option(names = "--runbook", paramLabel = "NAME", description = "Only runs of this runbook (its name:).")
    String runbook;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only runs that ended so: running, succeeded, "
            + "failed, rolled_back or interrupted.")
    String status;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only runs started since: a date (2025-11-22), "
            + "a UTC time (2025-11-22T10:30:00Z) or a duration ago (2h, 3d).")
    String since;

    @Option(names = "--dry-runs", description = "Include dry runs (left out by default: they changed nothing).")
    boolean dryRuns;

    @Option(names = "--json", description = "A JSON array of runs on stdout instead of the table.")
    boolean json;

    @Option(names = "--fleet", description = "Fleet runs (from fleet.db: runbook run --inventory) instead.")
    boolean fleet;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError {
        if (limit < 1) {
            throw new CliError(ExitCodes.USAGE, "--limit must be at least 1, got " + limit, null);
        }
        HistoryQuery query = new HistoryQuery(Optional.ofNullable(runbook), status(), HistorySince.parse(since,
                Instant.now()), dryRuns, limit);
        PrintWriter out = spec.commandLine().getOut();
        if (fleet) {
            return FleetViews.history(state, limit, json, out);
        }
        try (Journal journal = state.openExisting()) {
            List<RunRecord> runs = journal.history(query);
            if (json) {
                out.println(PlainJson.write(runs.stream().map(HistoryCommand::json).toList()));
            } else {
                table(out, runs);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Optional<RunStatus> status() throws CliError {
        if (status == null) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>();
        for (RunStatus candidate : RunStatus.values()) {
            words.add(candidate.word());
            if (candidate.word().equals(status.replace('-', '_'))) {
                return Optional.of(candidate);
            }
        }
        throw new CliError(ExitCodes.USAGE, "--status " + status + ": unknown status", "one of "
                + String.join(", ", words));
    }

    private static void table(PrintWriter out, List<RunRecord> runs) {
        out.printf("%-22s %-28s %-12s %-8s %-21s %s%n", "RUN", "RUNBOOK", "STATUS", "DRY RUN", "STARTED", "TOOK");
        for (RunRecord run : runs) {
            String took = took(run).map(Times::duration).orElse("-");
            out.printf("%-22s %-28s %-12s %-8s %-21s %s%n", run.id(), run.runbook(), run.status().word(),
                    run.dryRun() ? "yes" : "no", run.startedAt().toString().replaceFirst("\\.\\d+Z$", "Z"), took);
        }
    }

    private static Optional<Duration> took(RunRecord run) {
        return run.endedAt().map(end -> Duration.between(run.startedAt(), end));
    }

    private static Map<String, Object> json(RunRecord run) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", run.id());
        row.put("runbook", run.runbook());
        row.put("status", run.status().word());
        row.put("dry_run", run.dryRun());
        row.put("scenario", run.scenario().orElse(null));
        row.put("user", run.user());
        row.put("host", run.host());
        row.put("started_at", run.startedAt().toString());
        row.put("ended_at", run.endedAt().map(Instant::toString).orElse(null));
        row.put("duration_ms", took(run).map(Duration::toMillis).orElse(null));
        row.put("params", run.params());
        return row;
    }
}
