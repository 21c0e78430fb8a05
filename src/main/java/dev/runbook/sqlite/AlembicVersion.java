package dev.runbook.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** The revision Alembic recorded in a database's alembic_version table, read directly. */
public final class AlembicVersion {

    private AlembicVersion() {
    }

    /** Empty at base: no table, or an empty one (Alembic deletes the row on downgrade to base). */
    public static Optional<String> read(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            try (ResultSet table = sql.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")) {
                if (!table.next()) {
                    return Optional.empty();
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT version_num FROM alembic_version")) {
                String first = rows.next() ? rows.getString(1) : null;
                if (first != null && rows.next()) {
                    throw new SQLException("alembic_version holds more than one revision (branches): " + first
                            + ", " + rows.getString(1));
                }
                return Optional.ofNullable(first);
            }
        }
    }

    public static Optional<String> read(Path db) throws SQLException {
        try (Connection connection = Databases.readOnly(db)) {
            return read(connection);
        }
    }
}
