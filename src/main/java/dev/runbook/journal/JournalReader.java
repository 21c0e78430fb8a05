package dev.runbook.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The journal's queries and how a row becomes a record. Steps come in the order they started. */
final class JournalReader {

    private static final String RUN_COLUMNS = "id, runbook, runbook_sha256, params, scenario, dry_run, user, host, "
            + "pid, started_at, ended_at, status, runbook_file, only_steps, from_step, undoes_run_id";
    private static final String STEP_COLUMNS = "run_id, step_id, attempt, status, started_at, ended_at, "
            + "duration_ms, exit_code, outputs, error, reason, title, failure, verdict";

    private JournalReader() {
    }

    static Optional<RunRecord> run(Connection connection, String id) throws SQLException {
        List<RunRecord> runs = runs(connection, "SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?", id);
        return runs.stream().findFirst();
    }

    /** Newest first. */
    static List<RunRecord> history(Connection connection, int limit) throws SQLException {
        return runs(connection, "SELECT " + RUN_COLUMNS + " FROM runs ORDER BY started_at DESC, id DESC LIMIT ?",
                limit);
    }

    /** Newest first, only the runs the query selects. */
    static List<RunRecord> history(Connection connection, HistoryQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM runs WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        query.runbook().ifPresent(name -> {
            sql.append(" AND runbook = ?");
            values.add(name);
        });
        query.status().ifPresent(status -> {
            sql.append(" AND status = ?");
            values.add(status.word());
        });
        query.since().ifPresent(since -> {
            sql.append(" AND started_at >= ?"); // stored as fixed-width UTC text: text order is time order
            values.add(Times.stored(since));
        });
        if (!query.dryRuns()) {
            sql.append(" AND dry_run = 0");
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        values.add(query.limit());
        return runs(connection, sql.toString(), values.toArray());
    }

    static java.util.Map<String, Object> vars(Connection connection, String runId) throws SQLException {
        try (PreparedStatement query = Sql.prepare(connection, "SELECT vars FROM runs WHERE id = ?", runId);
             ResultSet row = query.executeQuery()) {
            return row.next() ? MaskedJson.read(row.getString("vars")) : java.util.Map.of();
        }
    }

    static List<RunRecord> undoRuns(Connection connection, String runId) throws SQLException {
        return runs(connection, "SELECT " + RUN_COLUMNS + " FROM runs WHERE undoes_run_id = ? AND dry_run = 0", runId);
    }

    /** Oldest first; stored times sort as text. */
    static List<RunRecord> runsAfter(Connection connection, String runbook, Instant after) throws SQLException {
        return runs(connection, "SELECT " + RUN_COLUMNS + " FROM runs WHERE runbook = ? AND dry_run = 0 "
                + "AND started_at > ? ORDER BY started_at, id", runbook, Times.stored(after));
    }

    static List<StepRecord> steps(Connection connection, String runId) throws SQLException {
        return steps(connection, "SELECT " + STEP_COLUMNS + " FROM steps WHERE run_id = ? ORDER BY rowid", runId);
    }

    /** The last attempt of each step (the last one started), in the order the steps first started. */
    static List<StepRecord> latestSteps(Connection connection, String runId) throws SQLException {
        return steps(connection, "SELECT " + STEP_COLUMNS + " FROM steps WHERE rowid IN "
                + "(SELECT max(rowid) FROM steps WHERE run_id = ? GROUP BY step_id) "
                + "ORDER BY (SELECT min(rowid) FROM steps AS first WHERE first.run_id = steps.run_id "
                + "AND first.step_id = steps.step_id)", runId);
    }

    /** Every resume of the run, oldest first. */
    static List<ResumeRecord> resumes(Connection connection, String runId) throws SQLException {
        List<ResumeRecord> resumes = new ArrayList<>();
        try (PreparedStatement query = Sql.prepare(connection, "SELECT resumed_at, status_before, host, pid "
                + "FROM resumes WHERE run_id = ? ORDER BY resumed_at, rowid", runId);
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                resumes.add(new ResumeRecord(runId, Times.parse(row.getString("resumed_at")),
                        RunStatus.of(row.getString("status_before")), row.getString("host"), row.getLong("pid")));
            }
        }
        return resumes;
    }

    /** Every recorded verify check of the run, in step start order, then attempt and position. */
    static List<VerificationRecord> verifications(Connection connection, String runId) throws SQLException {
        List<VerificationRecord> checks = new ArrayList<>();
        try (PreparedStatement query = Sql.prepare(connection, "SELECT v.step_id, v.attempt, v.position, v.action, "
                + "v.ok, v.message, v.checked_at FROM verifications AS v LEFT JOIN steps AS s ON s.run_id = v.run_id "
                + "AND s.step_id = v.step_id AND s.attempt = v.attempt WHERE v.run_id = ? "
                + "ORDER BY s.rowid, v.attempt, v.position", runId); ResultSet row = query.executeQuery()) {
            while (row.next()) {
                checks.add(new VerificationRecord(runId, row.getString("step_id"), row.getInt("attempt"),
                        row.getInt("position"), row.getString("action"), row.getInt("ok") != 0,
                        Optional.ofNullable(row.getString("message")), Times.parse(row.getString("checked_at"))));
            }
        }
        return checks;
    }

    /** {@code ok}, or what SQLite found wrong (integrity and foreign keys), one problem a line. */
    static String integrityCheck(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement sql = connection.createStatement()) {
            try (ResultSet row = sql.executeQuery("PRAGMA integrity_check")) {
                while (row.next()) {
                    if (!"ok".equals(row.getString(1))) {
                        problems.add(row.getString(1));
                    }
                }
            }
            try (ResultSet row = sql.executeQuery("PRAGMA foreign_key_check")) {
                while (row.next()) {
                    problems.add("foreign key: " + row.getString("table") + " row " + row.getLong("rowid")
                            + " refers to a missing " + row.getString("parent"));
                }
            }
        }
        return problems.isEmpty() ? "ok" : String.join("\n", problems);
    }

    /** The commands the run's steps started, in start order. */
    static List<CommandRecord> commands(Connection connection, String runId) throws SQLException {
        List<CommandRecord> commands = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT step_id, attempt, token, command, pid, "
                + "process_start, started_at FROM commands WHERE run_id = ? ORDER BY started_at, rowid")) {
            query.setString(1, runId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    commands.add(new CommandRecord(row.getString(1), row.getInt(2), row.getString(3),
                            row.getString(4), row.getLong(5), Optional.ofNullable(row.getString(6)),
                            Times.parse(row.getString(7))));
                }
            }
        }
        return commands;
    }

    /** The run's lock key; empty for a run recorded before keys (or no such run). */
    /** The run that applied the saved plan with this checksum, if one did. */
    static Optional<String> planApplication(Connection connection, String planSha256) throws SQLException {
        try (PreparedStatement query = Sql.prepare(connection, "SELECT run_id FROM plan_applications "
                + "WHERE plan_sha256 = ?", planSha256); ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }

    /** The checksum of the saved plan the run applied, if it applied one. */
    static Optional<String> planOf(Connection connection, String runId) throws SQLException {
        try (PreparedStatement query = Sql.prepare(connection, "SELECT plan_sha256 FROM runs WHERE id = ?", runId);
             ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
        }
    }

    static Optional<String> lockKey(Connection connection, String runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT lock_key FROM runs WHERE id = ?")) {
            query.setString(1, runId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<RunRecord> runs(Connection connection, String sql, Object... values) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (PreparedStatement query = Sql.prepare(connection, sql, values); ResultSet row = query.executeQuery()) {
            while (row.next()) {
                runs.add(new RunRecord(row.getString("id"), row.getString("runbook"), row.getString("runbook_sha256"),
                        MaskedJson.read(row.getString("params")), Optional.ofNullable(row.getString("scenario")),
                        row.getInt("dry_run") != 0, row.getString("user"), row.getString("host"), row.getLong("pid"),
                        Times.parse(row.getString("started_at")), instant(row, "ended_at"),
                        RunStatus.of(row.getString("status")), new RunOrigin(
                                Optional.ofNullable(row.getString("runbook_file")),
                                MaskedJson.readIds(row.getString("only_steps")),
                                Optional.ofNullable(row.getString("from_step")),
                                Optional.ofNullable(row.getString("undoes_run_id")))));
            }
        }
        return runs;
    }

    private static List<StepRecord> steps(Connection connection, String sql, Object... values) throws SQLException {
        List<StepRecord> steps = new ArrayList<>();
        try (PreparedStatement query = Sql.prepare(connection, sql, values); ResultSet row = query.executeQuery()) {
            while (row.next()) {
                long millis = row.getLong("duration_ms");
                Optional<Duration> duration = row.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
                int exit = row.getInt("exit_code");
                OptionalInt exitCode = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(exit);
                steps.add(new StepRecord(row.getString("run_id"), row.getString("step_id"), row.getInt("attempt"),
                        StepStatus.of(row.getString("status")), Times.parse(row.getString("started_at")),
                        instant(row, "ended_at"), duration, exitCode, MaskedJson.read(row.getString("outputs")),
                        Optional.ofNullable(row.getString("error")), Optional.ofNullable(row.getString("reason")),
                        Optional.ofNullable(row.getString("title")), Failure.of(row.getString("failure")),
                        Verdict.of(row.getString("verdict"))));
            }
        }
        return steps;
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(Times.parse(row.getString(column)));
    }
}
