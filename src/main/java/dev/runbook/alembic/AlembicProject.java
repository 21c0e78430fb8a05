package dev.runbook.alembic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an Alembic project keeps its scripts and database, read from its config file the way
 * Alembic reads it: {@code script_location} (relative to the working folder, {@code %(here)s} being
 * the config file's folder), {@code version_locations} or else {@code <script_location>/versions},
 * and a {@code sqlite:///} {@code sqlalchemy.url} when no database is named.
 */
public record AlembicProject(Path cwd, Path config, List<Path> versions, Optional<Path> db) {

    public static AlembicProject locate(Path cwd, String config, Optional<String> db) throws AlembicException {
        Path file = cwd.resolve(config);
        if (!Files.isRegularFile(file)) {
            throw new AlembicException("Alembic config " + file + " not found (config is relative to cwd " + cwd + ")");
        }
        Map<String, String> section;
        try {
            section = section(Files.readAllLines(file), "alembic");
        } catch (IOException e) {
            throw new AlembicException("cannot read " + file + ": " + e.getMessage());
        }
        String here = file.toAbsolutePath().getParent().toString();
        String scripts = Optional.ofNullable(section.get("script_location")).orElseThrow(() -> new AlembicException(
                file + " has no script_location in its [alembic] section")).replace("%(here)s", here);
        List<Path> versions = new ArrayList<>();
        String locations = section.get("version_locations");
        if (locations != null && !locations.isBlank()) {
            for (String location : locations.replace("%(here)s", here).split("[\\s,:;]+")) {
                if (!location.isBlank()) {
                    versions.add(cwd.resolve(location));
                }
            }
        } else {
            versions.add(cwd.resolve(scripts).resolve("versions"));
        }
        Optional<Path> database = db.map(cwd::resolve).or(() -> sqlitePath(section.get("sqlalchemy.url"), here)
                .map(cwd::resolve));
        return new AlembicProject(cwd, file, versions, database);
    }

    /** sqlite:///relative.db, sqlite:////absolute.db; anything else (another engine, a template) is unknown. */
    private static Optional<String> sqlitePath(String url, String here) {
        if (url == null || !url.startsWith("sqlite:///")) {
            return Optional.empty();
        }
        String path = url.substring("sqlite:///".length()).replace("%(here)s", here);
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
        return path.isEmpty() || path.contains("%(") || path.contains("${") ? Optional.empty() : Optional.of(path);
    }

    /** An ini section as Python's configparser reads the simple cases: key = value, indented continuation. */
    static Map<String, String> section(List<String> lines, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean inside = false;
        String last = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                inside = trimmed.substring(1, trimmed.length() - 1).strip().equals(name);
                last = null;
            } else if (!inside || trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            } else if (Character.isWhitespace(line.charAt(0)) && last != null) {
                values.put(last, values.get(last) + " " + trimmed);
            } else {
                int equals = indexOfSeparator(trimmed);
                if (equals > 0) {
                    last = trimmed.substring(0, equals).strip();
                    values.put(last, trimmed.substring(equals + 1).strip());
                }
            }
        }
        return values;
    }

    private static int indexOfSeparator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        return equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
    }
}
