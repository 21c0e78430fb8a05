package dev.runbook.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Connections to databases the runbook works on (not its own journal). The driver is called
 * directly, as the journal does, rather than through DriverManager's scan of the class path.
 */
public final class Databases {

    /** Short: a check should report a busy database, not hang on it. */
    private static final int BUSY_TIMEOUT_MS = 2_000;

    private Databases() {
    }

    /**
     * Read-only and never created: a missing file is an error, not a fresh empty database. Nothing
     * is created beside the file either (no -wal or -shm; see {@link QuietOpen}).
     */
    public static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        switch (QuietOpen.way(file)) {
            case IMMUTABLE:
                return JDBC.createConnection(QuietOpen.immutableUrl(file), config.toProperties());
            case PRIVATE_COPY:
                Path copy;
                try {
                    copy = QuietOpen.privateCopy(file);
                } catch (java.io.IOException e) {
                    throw new SQLException("cannot copy " + file + " with its -wal to read it: " + e.getMessage(), e);
                }
                try {
                    return QuietOpen.deletingOnClose(JDBC.createConnection(JDBC.PREFIX + copy, config.toProperties()),
                            copy);
                } catch (SQLException | RuntimeException e) {
                    QuietOpen.deleteTree(copy.getParent());
                    throw e;
                }
            default:
                return JDBC.createConnection(JDBC.PREFIX + file.toAbsolutePath(), config.toProperties());
        }
    }

    /**
     * A file that nothing writes to (a database inside a backup): opened with {@code immutable=1}, so
     * SQLite creates no -wal, -shm or -journal beside it and takes no locks. A snapshot of a WAL
     * database keeps the WAL flag in its header; opened otherwise, it would get sidecar files that
     * the backup's manifest does not list.
     */
    public static Connection immutable(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        return JDBC.createConnection(JDBC.PREFIX + file.toAbsolutePath().toUri() + "?immutable=1",
                config.toProperties());
    }

    /** Read-write; creates the file (the backup API writes into a fresh one). */
    public static Connection readWrite(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return JDBC.createConnection(JDBC.PREFIX + file.toAbsolutePath(), config.toProperties());
    }

    /** The driver's message without its "[SQLITE_CORRUPT] ..." prefix noise, for one-line reasons. */
    public static String reason(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int close = message.startsWith("[") ? message.indexOf("] ") : -1;
        return close > 0 ? message.substring(close + 2).replace("  ", " ").strip() : message.strip();
    }
}
