package dev.runbook.cli;

import dev.runbook.fleet.FleetJournal;
import dev.runbook.fleet.FleetReports;
import dev.runbook.fleet.FleetRunRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code history --fleet}, {@code show FLEET_RUN} and {@code report FLEET_RUN}: the fleet journal
 * (fleet.db in the state folder) read back. Fleet run ids start with {@code fleet-}, so show and
 * report tell them from a run of this machine by the id alone.
 */
final class FleetViews {

    private FleetViews() {
    }

    static boolean isFleet(String id) {
        return id.startsWith("fleet-");
    }

    static int history(StateOption state, int limit, boolean json, PrintWriter out) throws CliError {
        try (FleetJournal journal = open(state)) {
            List<FleetRunRecord> runs = journal.runs(limit);
            if (json) {
                List<Object> rows = new java.util.ArrayList<>();
                for (FleetRunRecord run : runs) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("id", run.id());
                    row.put("runbook", run.runbook());
                    row.put("status", run.status());
                    row.put("exit_code", run.exitCode().orElse(null));
                    row.put("dry_run", run.dryRun());
                    row.put("started_at", run.startedAt().toString());
                    row.put("ended_at", run.endedAt().map(Object::toString).orElse(null));
                    row.put("hosts", journal.hosts(run.id()).size());
                    rows.add(row);
                }
                out.println(dev.runbook.json.PlainJson.write(rows));
                out.flush();
                return ExitCodes.OK;
            }
            out.printf("%-28s %-24s %-13s %-8s %-21s %s%n", "FLEET RUN", "RUNBOOK", "STATUS", "DRY RUN", "STARTED",
                    "HOSTS");
            for (FleetRunRecord run : runs) {
                out.printf("%-28s %-24s %-13s %-8s %-21s %d%n", run.id(), run.runbook(), run.status(),
                        run.dryRun() ? "yes" : "no", run.startedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
                        journal.hosts(run.id()).size());
            }
            out.flush();
            return ExitCodes.OK;
        } catch (SQLException e) {
            throw unusable(state, e);
        }
    }

    static FleetReports read(StateOption state, String id) throws CliError {
        try (FleetJournal journal = open(state)) {
            if (journal.run(id).isEmpty()) {
                throw new CliError(ExitCodes.NO_INPUT, "no fleet run " + id + " in "
                        + FleetJournal.location(state.directory()), "'runbook history --fleet' lists them");
            }
            return FleetReports.read(journal, id);
        } catch (SQLException e) {
            throw unusable(state, e);
        }
    }

    static String report(StateOption state, String id, String format) throws CliError {
        FleetReports reports = read(state, id);
        return switch (format) {
            case "markdown" -> reports.markdown();
            case "html" -> reports.html();
            case "junit" -> reports.junit();
            default -> throw new CliError(ExitCodes.USAGE, "--format must be markdown, html or junit, got '" + format
                    + "'", null);
        };
    }

    private static FleetJournal open(StateOption state) throws CliError, SQLException {
        if (!Files.exists(FleetJournal.location(state.directory()))) {
            throw new CliError(ExitCodes.NO_INPUT, "no fleet journal in " + state.directory(),
                    "a fleet run (runbook run FILE --inventory HOSTS) starts one");
        }
        try {
            return FleetJournal.open(state.directory());
        } catch (java.io.IOException e) {
            throw new CliError(ExitCodes.NO_INPUT, e.getMessage(), null);
        }
    }

    private static CliError unusable(StateOption state, SQLException e) {
        return new CliError(ExitCodes.NO_INPUT, FleetJournal.location(state.directory()) + " cannot be used: "
                + e.getMessage(), "check that file and its disk");
    }
}
