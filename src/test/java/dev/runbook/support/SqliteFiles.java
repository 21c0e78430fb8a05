package dev.runbook.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real SQLite files for tests: made with sqlite-jdbc, read back as text, held open by real child processes. */
public final class SqliteFiles {

    private SqliteFiles() {
    }

    /** Runs each statement in one connection (closed afterwards, so a WAL is checkpointed away). */
    public static Path create(Path file, String... statements) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
            return file;
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** A database of {@code rows} rows in table {@code items} (id, name), with a foreign-keyed child table. */
    public static Path items(Path file, int rows) {
        create(file, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
                "CREATE TABLE tags (item_id INTEGER REFERENCES items(id), tag TEXT)");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            connection.setAutoCommit(false);
            try (var insert = connection.prepareStatement("INSERT INTO items (name) VALUES (?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setString(1, "item " + i + " " + "x".repeat(i % 50));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    /** Every row of a query, each as "a|b|c". */
    public static List<String> rows(Path file, String query) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.append(i > 1 ? "|" : "").append(value instanceof byte[] b ? "x'" + HexFormat.of().formatHex(b)
                            + "'" : value == null ? "NULL" : value.getClass().getSimpleName() + ":" + value);
                }
                rows.add(row.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A python3 process running {@code script} (with the database path as sys.argv[1]); returns once it
     * printed "ready". The script then waits for its stdin to close, holding whatever it opened.
     */
    public static Process python(Path db, String script) throws IOException {
        Process child = new ProcessBuilder("python3", "-c", script, db.toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            child.destroyForcibly();
            throw new IllegalStateException("python child did not get ready: " + line);
        }
        return child;
    }

    /** Holds a write transaction (SQLite's RESERVED lock) until its stdin closes. */
    public static final String HOLD_WRITE_LOCK = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN IMMEDIATE")
            c.execute("INSERT INTO items (name) VALUES ('uncommitted')")
            print("ready", flush=True)
            sys.stdin.read()
            """;

    /** Closes its stdin (it ends on its own) and makes sure it is gone. */
    public static void end(Process child) throws InterruptedException {
        try {
            child.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!child.waitFor(5, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
        }
    }
}
