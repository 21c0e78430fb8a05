package dev.runbook.action;

import static dev.runbook.action.ActionSpec.define;

import dev.runbook.spec.ValueType;
import java.util.List;

/** SQLite databases through sqlite-jdbc. */
final class SqliteActions {

    private SqliteActions() {
    }

    static List<ActionSpec> all() {
        return List.of(
                define("sqlite.backup", "Copy a live database with SQLite's online backup API into a fresh "
                        + "temporary name, fsync, verify, then rename into place.")
                        .required("db", ValueType.PATH, "The database to copy.", "data/tmws.db")
                        .required("to", ValueType.PATH, "The backup file (must not exist).",
                                "backups/pre-phase4/database/tmws.db.backup")
                        .optional("integrity", ValueType.choice("none", "quick", "full"), "none", "Also run this "
                                + "integrity check on the copy before keeping it. The copy's header, size, page count "
                                + "and schema are always checked.", "quick")
                        .output("path", "path", "The backup file.")
                        .output("bytes", "int", "Its size.")
                        .output("pages", "int", "Its page count.")
                        .output("metadata_not_kept", "list", "The database's owner or mode where the backup could "
                                + "not be given them (not root); empty when kept.")
                        .plan("back up database {db} to {to}")
                        .build(),
                define("sqlite.restore", "Swap a backup in for a database atomically; the current database with "
                        + "its -wal and -shm files is moved aside first. Refuses while another process writes.")
                        .required("from", ValueType.PATH, "The backup database.",
                                "backups/pre-phase4/database/tmws.db.backup")
                        .required("to", ValueType.PATH, "The database to replace.", "data/tmws.db")
                        .optional("keep_current_as", ValueType.PATH, "Keep the current database under this name "
                                + "(default: the run's forensics folder).", "data/tmws.db.failed-phase4")
                        .optional("allow_empty", ValueType.BOOL, "false", "Let a backup with no schema at all (no "
                                + "tables) replace a database that has one.", "true")
                        .output("kept_as", "path", "Where the replaced database was kept.")
                        .output("bytes", "int", "Size of the restored database.")
                        .output("metadata_not_kept", "list", "The database's owner or mode where the restored file "
                                + "could not be given them (not root); empty when kept.")
                        .plan("restore database {to} from {from}[, keeping the current one as {keep_current_as}]")
                        .build(),
                define("sqlite.integrity", "Run PRAGMA integrity_check (or quick_check) and foreign_key_check. "
                        + "An empty, truncated or non-database file fails with its reason.")
                        .readOnly()
                        .required("db", ValueType.PATH, "The database to check.", "data/tmws.db")
                        .optional("mode", ValueType.choice("full", "quick"), "full", "integrity_check or quick_check.",
                                "quick")
                        .optional("foreign_keys", ValueType.BOOL, "true", "Also run foreign_key_check.", "false")
                        .output("ok", "bool", "Whether every check passed.")
                        .output("result", "string", "What the checks reported.")
                        .plan("check integrity of {db}")
                        .build(),
                define("sqlite.query", "Run a read-only query and check what it returns.")
                        .readOnly()
                        .required("db", ValueType.PATH, "The database (opened read-only).", "data/tmws.db")
                        .required("sql", ValueType.STRING, "The query.", "SELECT version_num FROM alembic_version")
                        .optional("expect_rows", ValueType.INT, "Exactly this many rows.", "1")
                        .optional("expect_value", ValueType.STRING, "The first column of the first row equals this.",
                                "\"{{ params.revision }}\"")
                        .optional("expect_empty", ValueType.BOOL, "No rows at all.", "true")
                        .output("rows", "int", "Rows returned.")
                        .output("value", "string", "First column of the first row (empty when no rows).")
                        .plan("query {db}: {sql}")
                        .build(),
                define("sqlite.dump", "Write the database out as SQL text, like the sqlite3 CLI's .dump.")
                        .required("db", ValueType.PATH, "The database (opened read-only).", "data/tmws.db")
                        .required("to", ValueType.PATH, "The SQL file to write (must not exist).",
                                "data/failed-phase4-dump.sql")
                        .output("path", "path", "The SQL file.")
                        .output("bytes", "int", "Its size.")
                        .output("metadata_not_kept", "list", "The database's owner or mode where the SQL file could "
                                + "not be given them (not root); empty when kept.")
                        .plan("dump {db} as SQL to {to}")
                        .build());
    }
}
