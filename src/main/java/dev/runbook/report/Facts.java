package dev.runbook.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.sqlite.SQLiteConfig;

/**
 * Facts collected at failure, read-only: a repository's HEAD (JGit), a database's alembic revision
 * (its {@code alembic_version} table) and integrity ({@code PRAGMA integrity_check}), a file's SHA-256. A fact that cannot be read says why in its
 * value instead of failing the report: the report matters most when things are broken.
 */
public final class Facts {

    private static final int MAX_INTEGRITY_PROBLEMS = 5;

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
        try (Repository repository = new FileRepositoryBuilder().findGitDir(dir.toFile()).setMustExist(true).build()) {
            ObjectId head = repository.resolve("HEAD");
            if (head == null) {
                return "unavailable: no commit yet";
            }
            String branch = repository.getFullBranch();
            return head.name() + (branch != null && branch.startsWith("refs/heads/")
                    ? " (" + repository.getBranch() + ")" : " (detached)");
        } catch (IOException | IllegalArgumentException e) {
            return "unavailable: no git repository at " + dir;
        }
    }

    static String alembicRevision(Path database) {
        if (!Files.isRegularFile(database)) {
            return "unavailable: no file " + database;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database);
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT version_num FROM alembic_version")) {
            List<String> revisions = new ArrayList<>();
            while (row.next()) {
                revisions.add(row.getString(1));
            }
            return revisions.isEmpty() ? "(base: no revision)" : String.join(", ", revisions);
        } catch (SQLException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    /**
     * "ok", or the first problems PRAGMA integrity_check names (a damaged database is the evidence a
     * failure report needs, so it is read, never repaired).
     */
    static String integrity(Path database) {
        if (!Files.isRegularFile(database)) {
            return "unavailable: no file " + database;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database);
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("PRAGMA integrity_check(" + MAX_INTEGRITY_PROBLEMS + ")")) {
            List<String> problems = new ArrayList<>();
            while (row.next()) {
                problems.add(row.getString(1));
            }
            return problems.isEmpty() ? "unavailable: integrity_check returned nothing" : String.join("; ", problems);
        } catch (SQLException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    static String sha256(Path file) {
        if (!Files.isRegularFile(file)) {
            return "unavailable: no file " + file;
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return "unavailable: " + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
