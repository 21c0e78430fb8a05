package dev.runbook.sqlite;

import dev.runbook.values.Sizes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a preview says about a database: size, page count, quick integrity and the Alembic
 * revision. Never throws: a missing or damaged file is described, since a preview must show it.
 *
 * @param problem empty when the file is a sound database
 * @param alembic the revision in alembic_version, empty at base or without the table
 */
public record DatabaseSummary(Path file, boolean exists, long bytes, long pages, Optional<String> problem,
                              Optional<String> alembic) {

    public static DatabaseSummary of(Path file) {
        if (!java.nio.file.Files.exists(file)) {
            return new DatabaseSummary(file, false, 0, 0, Optional.of(file + " does not exist"), Optional.empty());
        }
        IntegrityCheck.Result check = IntegrityCheck.run(file, IntegrityCheck.Mode.QUICK, false);
        long bytes = file.toFile().length();
        if (!check.ok()) {
            return new DatabaseSummary(file, true, bytes, 0, Optional.of(check.result()), Optional.empty());
        }
        try (Connection connection = Databases.readOnly(file); Statement sql = connection.createStatement()) {
            long pages;
            try (ResultSet rows = sql.executeQuery("PRAGMA page_count")) {
                pages = rows.next() ? rows.getLong(1) : 0;
            }
            return new DatabaseSummary(file, true, bytes, pages, Optional.empty(), AlembicVersion.read(connection));
        } catch (SQLException e) {
            return new DatabaseSummary(file, true, bytes, 0, Optional.of(file + ": " + Databases.reason(e)),
                    Optional.empty());
        }
    }

    /**
     * How many tables, indexes, views and triggers the database has; -1 when it cannot be read. A
     * valid database with none passes every integrity check: only this tells it is empty.
     */
    public static long schemaObjects(Path file) {
        try (Connection connection = Databases.readOnly(file); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** "844 KB, 211 pages, integrity ok, Alembic at 3c4d5e" */
    public String describe() {
        if (!exists) {
            return "does not exist";
        }
        return Sizes.human(bytes) + ", " + pages + " pages, " + problem.map(p -> "FAILS its check: " + p)
                .orElse("integrity ok") + (problem.isPresent() ? "" : ", Alembic " + alembic.map(r -> "at " + r)
                .orElse("at base (no revision)"));
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("path", file.toString());
        map.put("bytes", bytes);
        map.put("pages", pages);
        map.put("ok", exists && problem.isEmpty());
        map.put("alembic", alembic.orElse(""));
        return map;
    }
}
