package dev.runbook.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.sqlite.JDBC;

/**
 * The controller's journal of fleet runs: its own SQLite file ({@code fleet.db} in the state folder,
 * beside the run journal, which stays the one of runs on this machine). One row per fleet run, one per
 * host (wave, status, remote run id, exit code, failed step, timings, undo run), one per host and
 * step. Each host keeps its own journal: this one records what the controller knows, and a host's
 * "unknown" is settled by reading that host's journal. Written from the hosts' threads: one
 * connection, synchronised, WAL with synchronous=FULL as the run journal.
 */
public final class FleetJournal implements AutoCloseable {

    public static final String FILE = "fleet.db";

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS fleet_runs (id TEXT PRIMARY KEY, runbook TEXT NOT NULL, file TEXT NOT NULL,"
            + " inventory TEXT NOT NULL, dry_run INTEGER NOT NULL, serial TEXT NOT NULL, max_fail TEXT NOT NULL,"
            + " rollback INTEGER NOT NULL, status TEXT NOT NULL, exit_code INTEGER, started_at TEXT NOT NULL,"
            + " ended_at TEXT, options TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS fleet_hosts (fleet_run TEXT NOT NULL REFERENCES fleet_runs(id), host TEXT NOT NULL,"
            + " wave INTEGER NOT NULL, status TEXT NOT NULL, remote_run TEXT, exit_code INTEGER, failed_step TEXT,"
            + " started_at TEXT, ended_at TEXT, undo_run TEXT, error TEXT, changes INTEGER NOT NULL DEFAULT 0,"
            + " PRIMARY KEY (fleet_run, host))",
        "CREATE TABLE IF NOT EXISTS fleet_steps (fleet_run TEXT NOT NULL, host TEXT NOT NULL, step TEXT NOT NULL,"
            + " status TEXT NOT NULL, PRIMARY KEY (fleet_run, host, step))",
    };

    private final Connection db;

    private FleetJournal(Connection db) {
        this.db = db;
    }

    public static Path location(Path stateFolder) {
        return stateFolder.resolve(FILE);
    }

    public static FleetJournal open(Path stateFolder) throws SQLException, java.io.IOException {
        Files.createDirectories(stateFolder);
        Properties properties = new Properties();
        Connection db = JDBC.createConnection(JDBC.PREFIX + location(stateFolder).toAbsolutePath(), properties);
        try (Statement sql = db.createStatement()) {
            sql.execute("PRAGMA busy_timeout = 10000");
            sql.execute("PRAGMA journal_mode = WAL");
            sql.execute("PRAGMA synchronous = FULL");
            for (String statement : SCHEMA) {
                sql.execute(statement);
            }
        }
        return new FleetJournal(db);
    }

    /**
     * Records a fleet run and its hosts (all pending) in one transaction; {@code options} is what
     * {@code runbook resume FLEET_RUN} needs to go on the same way (no secret: their names only).
     */
    public synchronized void start(FleetRunRecord run, Map<String, Integer> waveOf, String options) throws SQLException {
        db.setAutoCommit(false);
        try {
            update("INSERT INTO fleet_runs VALUES (?,?,?,?,?,?,?,?,?,NULL,?,NULL,?)", run.id(), run.runbook(), run.file(),
                    run.inventory(), run.dryRun() ? 1 : 0, run.serial(), run.maxFail(), run.rollback() ? 1 : 0,
                    run.status(), run.startedAt().toString(), options);
            for (Map.Entry<String, Integer> host : waveOf.entrySet()) {
                update("INSERT INTO fleet_hosts (fleet_run, host, wave, status) VALUES (?,?,?,?)", run.id(),
                        host.getKey(), host.getValue(), HostStatus.PENDING.word());
            }
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** The host's row as it stands now (written before and after each remote run). */
    public synchronized void host(String fleetRun, HostRecord host) throws SQLException {
        update("UPDATE fleet_hosts SET status=?, remote_run=?, exit_code=?, failed_step=?, started_at=?, ended_at=?,"
                + " undo_run=?, error=?, changes=? WHERE fleet_run=? AND host=?", host.status().word(),
                host.remoteRun().orElse(null), host.exitCode().orElse(null), host.failedStep().orElse(null),
                host.startedAt().map(Instant::toString).orElse(null), host.endedAt().map(Instant::toString).orElse(null),
                host.undoRun().orElse(null), host.error().orElse(null), host.changes(), fleetRun, host.host());
    }

    public synchronized void steps(String fleetRun, String host, Map<String, String> steps) throws SQLException {
        for (Map.Entry<String, String> step : steps.entrySet()) {
            update("INSERT OR REPLACE INTO fleet_steps VALUES (?,?,?,?)", fleetRun, host, step.getKey(), step.getValue());
        }
    }

    public synchronized void finish(String fleetRun, String status, int exitCode) throws SQLException {
        update("UPDATE fleet_runs SET status=?, exit_code=?, ended_at=? WHERE id=?", status, exitCode,
                Instant.now().toString(), fleetRun);
    }

    /** The options a fleet run was started with, as {@link #start} recorded them. */
    public synchronized String options(String id) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT options FROM fleet_runs WHERE id=?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getString(1) : "{}";
            }
        }
    }

    /** Marks a fleet run as going on again (resume). */
    public synchronized void reopen(String id) throws SQLException {
        update("UPDATE fleet_runs SET status='running', exit_code=NULL, ended_at=NULL WHERE id=?", id);
    }

    public synchronized Optional<FleetRunRecord> run(String id) throws SQLException {
        List<FleetRunRecord> runs = runs("WHERE id=?", id);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    public synchronized List<FleetRunRecord> runs(int limit) throws SQLException {
        return runs("ORDER BY started_at DESC LIMIT ?", limit);
    }

    private List<FleetRunRecord> runs(String where, Object arg) throws SQLException {
        List<FleetRunRecord> runs = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT * FROM fleet_runs " + where)) {
            q.setObject(1, arg);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    runs.add(new FleetRunRecord(r.getString("id"), r.getString("runbook"), r.getString("file"),
                            r.getString("inventory"), r.getInt("dry_run") == 1, r.getString("serial"),
                            r.getString("max_fail"), r.getInt("rollback") == 1, r.getString("status"),
                            integer(r, "exit_code"), Instant.parse(r.getString("started_at")),
                            Optional.ofNullable(r.getString("ended_at")).map(Instant::parse)));
                }
            }
        }
        return runs;
    }

    public synchronized List<HostRecord> hosts(String fleetRun) throws SQLException {
        List<HostRecord> hosts = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT * FROM fleet_hosts WHERE fleet_run=? ORDER BY wave, rowid")) {
            q.setString(1, fleetRun);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    hosts.add(new HostRecord(r.getString("host"), r.getInt("wave"),
                            HostStatus.ofWord(r.getString("status")), text(r, "remote_run"), integer(r, "exit_code"),
                            text(r, "failed_step"), text(r, "started_at").map(Instant::parse),
                            text(r, "ended_at").map(Instant::parse), text(r, "undo_run"), text(r, "error"),
                            r.getInt("changes")));
                }
            }
        }
        return hosts;
    }

    /** host -> step -> status, in the order the steps were first recorded. */
    public synchronized Map<String, Map<String, String>> steps(String fleetRun) throws SQLException {
        Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT host, step, status FROM fleet_steps WHERE fleet_run=? "
                + "ORDER BY rowid")) {
            q.setString(1, fleetRun);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    matrix.computeIfAbsent(r.getString(1), h -> new LinkedHashMap<>()).put(r.getString(2), r.getString(3));
                }
            }
        }
        return matrix;
    }

    private static Optional<String> text(ResultSet r, String column) throws SQLException {
        return Optional.ofNullable(r.getString(column));
    }

    private static Optional<Integer> integer(ResultSet r, String column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
