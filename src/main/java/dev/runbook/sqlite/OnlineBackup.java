package dev.runbook.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConnection;

/**
 * SQLite's online backup API (sqlite3_backup_*, through sqlite-jdbc's DB.backup): a consistent
 * copy of a live database, including what is still in its WAL, while other processes keep using it.
 */
public final class OnlineBackup {

    /** All pages in one step: one consistent snapshot; a writer in another process cannot restart it. */
    private static final int ALL_PAGES = -1;
    private static final int BUSY_SLEEP_MS = 100;
    private static final int BUSY_RETRIES = 50;

    private OnlineBackup() {
    }

    /**
     * Copies {@code source} into {@code fresh}, which must not exist; leaves nothing behind on
     * failure. Returns the source's page count at the end of the copy (what the copy must have).
     */
    public static long copy(Path source, Path fresh) throws IOException {
        if (Files.exists(fresh)) {
            throw new IOException(fresh + " already exists");
        }
        try (Connection connection = Databases.readOnly(source)) {
            int rc = connection.unwrap(SQLiteConnection.class).getDatabase().backup("main", fresh.toAbsolutePath().toString(),
                    null, BUSY_SLEEP_MS, BUSY_RETRIES, ALL_PAGES);
            if (rc != 0) {
                throw new IOException("backup of " + source + " stopped with SQLite code " + rc
                        + (rc == 5 ? " (busy: another connection kept the database locked)" : ""));
            }
            try (java.sql.Statement sql = connection.createStatement();
                 java.sql.ResultSet pages = sql.executeQuery("PRAGMA page_count")) {
                return pages.next() ? pages.getLong(1) : 0;
            }
        } catch (SQLException | IOException e) {
            removeWithSidecars(fresh);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(source + ": " + Databases.reason((SQLException) e), e);
        }
    }

    /** The file and the -journal, -wal and -shm files SQLite may have left beside it. */
    public static void removeWithSidecars(Path file) {
        for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException ignored) {
                // cleaning up after a failure; the failure is what gets reported
            }
        }
    }
}
