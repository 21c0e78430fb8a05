package dev.runbook.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * One active run per journal and runbook: a row in {@code locks}, read and written inside the
 * caller's {@code BEGIN IMMEDIATE} transaction, so two processes cannot both see the lock free.
 * A holder on this host whose process is gone (or whose pid now belongs to another process) is
 * taken over, its run marked interrupted, and the takeover reported. A holder on another host is
 * never taken over: from here there is no telling whether it is alive.
 */
final class RunLock {

    /** Either the lock was taken (with a notice if it was taken over) or who holds it. */
    record Acquisition(Optional<LockHolder> refusedBy, Optional<String> takeover) {
    }

    private RunLock() {
    }

    static Acquisition acquire(Connection connection, String runbook, String runId, ProcessIdentity me, Instant at)
            throws SQLException {
        Optional<LockHolder> holder = holder(connection, runbook);
        Optional<String> takeover = Optional.empty();
        if (holder.isPresent()) {
            Optional<String> gone = holder.get().process().goneFrom(me.host());
            if (gone.isEmpty()) {
                return new Acquisition(holder, Optional.empty());
            }
            markInterrupted(connection, holder.get().runId());
            takeover = Optional.of("runbook '" + runbook + "': took over the lock of " + holder.get().describe()
                    + ": " + gone.get() + "; that run is marked interrupted");
        }
        try (PreparedStatement lock = connection.prepareStatement("INSERT OR REPLACE INTO locks "
                + "(runbook, run_id, pid, host, process_start, locked_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            lock.setString(1, runbook);
            lock.setString(2, runId);
            lock.setLong(3, me.pid());
            lock.setString(4, me.host());
            lock.setString(5, me.startMark().orElse(null));
            lock.setString(6, Times.stored(at));
            lock.executeUpdate();
        }
        return new Acquisition(Optional.empty(), takeover);
    }

    /** Only the run's own lock: if it was taken over meanwhile, the new holder keeps it. */
    static void release(Connection connection, String runbook, String runId) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement(
                "DELETE FROM locks WHERE runbook = ? AND run_id = ?")) {
            release.setString(1, runbook);
            release.setString(2, runId);
            release.executeUpdate();
        }
    }

    static Optional<LockHolder> holder(Connection connection, String runbook) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT run_id, pid, host, process_start, locked_at FROM locks WHERE runbook = ?")) {
            query.setString(1, runbook);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                ProcessIdentity process = new ProcessIdentity(row.getLong("pid"), row.getString("host"),
                        Optional.ofNullable(row.getString("process_start")));
                return Optional.of(new LockHolder(runbook, row.getString("run_id"), process,
                        Times.parse(row.getString("locked_at"))));
            }
        }
    }

    /** Its steps stay as they were: a step left {@code running} is how resume knows where it died. */
    private static void markInterrupted(Connection connection, String runId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'")) {
            update.setString(1, runId);
            update.executeUpdate();
        }
    }
}
