package dev.runbook.journal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The journal's tables, versioned with {@code PRAGMA user_version}. Migrations only go forward: a
 * file from an older runbook is brought up to date when opened (in one transaction, so a crash
 * leaves it at the old version), and a file from a newer one is refused rather than misread.
 */
final class Schema {

    /** Entry i takes the file from version i to i + 1. Append; never edit a shipped entry. */
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE runs (
              id             TEXT PRIMARY KEY,
              runbook        TEXT NOT NULL,
              runbook_sha256 TEXT NOT NULL,
              params         TEXT NOT NULL,
              scenario       TEXT,
              dry_run        INTEGER NOT NULL,
              user           TEXT NOT NULL,
              host           TEXT NOT NULL,
              pid            INTEGER NOT NULL,
              started_at     TEXT NOT NULL,
              ended_at       TEXT,
              status         TEXT NOT NULL
            );
            CREATE INDEX runs_by_start ON runs (started_at);
            CREATE TABLE steps (
              run_id      TEXT NOT NULL REFERENCES runs (id),
              step_id     TEXT NOT NULL,
              attempt     INTEGER NOT NULL,
              status      TEXT NOT NULL,
              started_at  TEXT NOT NULL,
              ended_at    TEXT,
              duration_ms INTEGER,
              exit_code   INTEGER,
              outputs     TEXT NOT NULL DEFAULT '{}',
              error       TEXT,
              reason      TEXT,
              UNIQUE (run_id, step_id, attempt)
            );
            CREATE TABLE locks (
              runbook       TEXT PRIMARY KEY,
              run_id        TEXT NOT NULL,
              pid           INTEGER NOT NULL,
              host          TEXT NOT NULL,
              process_start TEXT,
              locked_at     TEXT NOT NULL
            );
            """, """
            ALTER TABLE runs ADD COLUMN runbook_file TEXT;
            ALTER TABLE runs ADD COLUMN only_steps TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE runs ADD COLUMN from_step TEXT;
            """, """
            CREATE TABLE verifications (
              run_id      TEXT NOT NULL REFERENCES runs (id),
              step_id     TEXT NOT NULL,
              attempt     INTEGER NOT NULL,
              position    INTEGER NOT NULL,
              action      TEXT NOT NULL,
              ok          INTEGER NOT NULL,
              message     TEXT,
              checked_at  TEXT NOT NULL,
              UNIQUE (run_id, step_id, attempt, position)
            );
            """, """
            ALTER TABLE steps ADD COLUMN title TEXT;
            CREATE TABLE resumes (
              run_id        TEXT NOT NULL REFERENCES runs (id),
              resumed_at    TEXT NOT NULL,
              status_before TEXT NOT NULL,
              host          TEXT NOT NULL,
              pid           INTEGER NOT NULL
            );
            """, """
            ALTER TABLE runs ADD COLUMN lock_key TEXT;
            CREATE TABLE commands (
              run_id        TEXT NOT NULL REFERENCES runs (id),
              step_id       TEXT NOT NULL,
              attempt       INTEGER NOT NULL,
              token         TEXT NOT NULL,
              command       TEXT NOT NULL,
              pid           INTEGER,
              process_start TEXT,
              started_at    TEXT NOT NULL,
              UNIQUE (run_id, token)
            );
            """, """
            ALTER TABLE runs ADD COLUMN undoes_run_id TEXT REFERENCES runs (id);
            ALTER TABLE runs ADD COLUMN vars TEXT;
            CREATE UNIQUE INDEX runs_one_undo ON runs (undoes_run_id) WHERE undoes_run_id IS NOT NULL AND dry_run = 0;
            """, """
            ALTER TABLE steps ADD COLUMN failure TEXT;
            ALTER TABLE steps ADD COLUMN verdict TEXT;
            UPDATE steps SET failure = 'none' WHERE status IN ('succeeded', 'skipped', 'undone', 'undo_failed');
            UPDATE steps SET failure = 'interrupted' WHERE status = 'interrupted';
            """, """
            ALTER TABLE runs ADD COLUMN plan_sha256 TEXT;
            CREATE TABLE plan_applications (
              plan_sha256 TEXT PRIMARY KEY,
              run_id      TEXT NOT NULL REFERENCES runs (id),
              applied_at  TEXT NOT NULL,
              approved_by TEXT
            );
            """);

    static final int LATEST = MIGRATIONS.size();

    private Schema() {
    }

    /** The statements that take a file from {@code version} to the next; tests build old files with it. */
    static List<String> migration(int version) {
        return List.of(MIGRATIONS.get(version).split(";\\s*\n"));
    }

    static void migrate(Connection connection, String file) throws SQLException {
        if (version(connection, file) == LATEST) {
            return;
        }
        try (Statement sql = connection.createStatement()) {
            sql.execute("BEGIN IMMEDIATE");
            try {
                // Read again under the write lock: another process may have migrated meanwhile.
                for (int from = version(connection, file); from < LATEST; from++) {
                    for (String statement : MIGRATIONS.get(from).split(";\\s*\n")) {
                        if (!statement.isBlank()) {
                            sql.execute(statement);
                        }
                    }
                }
                sql.execute("PRAGMA user_version = " + LATEST);
                sql.execute("COMMIT");
            } catch (SQLException e) {
                sql.execute("ROLLBACK");
                // A file whose user_version says one thing and whose tables say another (a development
                // build's journal, a hand-edited one): left as it was, and said so, not an internal error.
                throw new JournalException(file + ": cannot bring the journal from schema " + version(connection, file)
                        + " to " + LATEST + ": " + e.getMessage() + "; the file was left as it was (was it written"
                        + " by another build of runbook?)", e);
            } catch (RuntimeException e) {
                sql.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static int version(Connection connection, String file) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("PRAGMA user_version")) {
            int version = row.next() ? row.getInt(1) : 0;
            if (version > LATEST) {
                throw new JournalException(file + ": written by a newer runbook (journal schema " + version
                        + "; this one knows up to " + LATEST + "); use that version to read it");
            }
            return version;
        }
    }
}
