package dev.runbook.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.JDBC;

/**
 * Opens the journal's SQLite file, creating it and its directory, set up for durability: WAL,
 * {@code synchronous=FULL} (each commit fsyncs the WAL before it returns), foreign keys on, and a
 * busy timeout so two runbook processes wait for each other's short transactions instead of failing.
 * The driver is called directly rather than through DriverManager, which would scan for every JDBC
 * driver on the class path first.
 */
final class SqliteFile {

    /** Long enough to wait out another process's commit, short enough to report a stuck one. */
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private SqliteFile() {
    }

    static Connection connect(Path absolute) {
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new JournalException(absolute.getParent() + ": cannot create the journal's directory: " + e, e);
        }
        Connection connection = null;
        try {
            Properties properties = new Properties();
            // Nothing here reads generated keys, and the driver would otherwise run a regular
            // expression and a "SELECT last_insert_rowid()" after every INSERT (a step's intent).
            properties.setProperty("jdbc.get_generated_keys", "false");
            connection = JDBC.createConnection(JDBC.PREFIX + absolute, properties);
            try (Statement sql = connection.createStatement()) {
                // busy_timeout first: the other statements may need a lock another process holds.
                sql.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                try (ResultSet mode = sql.executeQuery("PRAGMA journal_mode = WAL")) {
                    // A file system without shared memory (some network mounts) keeps the rollback
                    // journal: with synchronous=FULL that is as crash-safe, only slower, so go on.
                    mode.next();
                }
                sql.execute("PRAGMA synchronous = FULL");
                sql.execute("PRAGMA foreign_keys = ON");
                WalReserve.configure(sql);
            }
            Schema.migrate(connection, absolute.toString());
            return connection;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof JournalException journalException) {
                throw journalException;
            }
            throw new JournalException(absolute + ": cannot open the journal: " + e.getMessage(), e);
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing after a failure: the failure is what gets reported
        }
    }
}
