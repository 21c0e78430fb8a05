package dev.runbook.report;

import dev.runbook.files.Sha256;
import dev.runbook.git.Head;
import dev.runbook.sqlite.AlembicVersion;
import dev.runbook.sqlite.Databases;
import dev.runbook.sqlite.IntegrityCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.RepositoryNotFoundException;

/**
 * Facts collected at failure, read-only, each read by the code the actions use, so a report says
 * what a step would have seen: a repository's HEAD ({@link Head}), a database's Alembic revision
 * ({@link AlembicVersion}: several rows are refused as they are there) and integrity
 * ({@link IntegrityCheck}), a file's SHA-256 ({@link Sha256}). A fact that cannot be read says why
 * in its value instead of failing the report: the report matters most when things are broken.
 */
public final class Facts {

    private Facts() {
    }

    public static List<Map<String, Object>> collect(Path workDir, List<String> repos, List<String> databases,
                                                    List<String> files) {
        return collect(workDir, repos, databases, List.of(), files);
    }

    public static List<Map<String, Object>> collect(Path workDir, List<String> repos, List<String> databases,
                                                    List<String> integrity, List<String> files) {
        List<Map<String, Object>> facts = new ArrayList<>();
        repos.forEach(repo -> facts.add(fact("git HEAD of " + repo, "git_head", repo, gitHead(workDir.resolve(repo)))));
        databases.forEach(db -> facts.add(fact("alembic revision of " + db, "alembic_revision", db,
                alembicRevision(workDir.resolve(db)))));
        integrity.forEach(db -> facts.add(fact("integrity of " + db, "sqlite_integrity", db,
                integrity(workDir.resolve(db)))));
        files.forEach(file -> facts.add(fact("sha256 of " + file, "sha256", file, sha256(workDir.resolve(file)))));
        return facts;
    }

    /** A fact as templates see it: name, kind, subject, value; all strings. */
    static Map<String, Object> view(Map<String, Object> recorded) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (String key : List.of("name", "kind", "subject", "value")) {
            Object value = recorded.get(key);
            view.put(key, value == null ? "" : String.valueOf(value));
        }
        return view;
    }

    private static Map<String, Object> fact(String name, String kind, String subject, String value) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("name", name);
        fact.put("kind", kind);
        fact.put("subject", subject);
        fact.put("value", value);
        return fact;
    }

    static String gitHead(Path dir) {
        try {
            Optional<Head> head = Head.read(dir);
            return head.map(h -> h.commit() + " (" + h.branch().orElse("detached") + ")")
                    .orElse("unavailable: no commit yet");
        } catch (RepositoryNotFoundException e) {
            return "unavailable: no git repository at " + dir;
        } catch (IOException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    static String alembicRevision(Path database) {
        if (!Files.isRegularFile(database)) {
            return "unavailable: no file " + database;
        }
        try {
            return AlembicVersion.read(database).orElse("(base: no revision)");
        } catch (SQLException e) {
            return "unavailable: " + Databases.reason(e);
        }
    }

    /**
     * "ok", or the problems integrity_check names (a damaged database is the evidence a failure
     * report needs, so it is read, never repaired).
     */
    static String integrity(Path database) {
        if (!Files.isRegularFile(database)) {
            return "unavailable: no file " + database;
        }
        return IntegrityCheck.run(database, IntegrityCheck.Mode.FULL, false).result();
    }

    static String sha256(Path file) {
        if (!Files.isRegularFile(file)) {
            return "unavailable: no file " + file;
        }
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
