package dev.runbook.saved;

import dev.runbook.files.ChecksumLists;
import dev.runbook.files.Sha256;
import dev.runbook.git.GitException;
import dev.runbook.git.GitRepo;
import dev.runbook.git.WorkState;
import dev.runbook.process.ProcessInfo;
import dev.runbook.process.ProcessMatcher;
import dev.runbook.sqlite.AlembicVersion;
import dev.runbook.sqlite.FileHeader;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes the {@link Print} of a {@link Subject} now. A path is looked at as what is there: nothing
 * ({@code absent}), an SQLite database (header's page size and count, Alembic revision, sha256), a
 * file (size, modified, sha256 up to {@link #CHECKSUMMED} bytes), a folder (every entry's size and
 * modification time, no contents: a 500 MB folder costs one stat per file; {@code __pycache__}
 * left out) or a backup (a folder
 * with a checksum list at its top: that list's sha256 besides the folder's entries). A repository:
 * HEAD, branch, the index's entries and the work tree's status. Processes: pid, start time and
 * command line of each one matched.
 */
final class Fingerprints {

    /** Files named by a step up to this size get a checksum; larger ones are known by size and time. */
    static final long CHECKSUMMED = 64L * 1024 * 1024;

    private static final byte[] SQLITE = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private Fingerprints() {
    }

    static Print take(Subject subject) {
        try {
            return switch (subject.type()) {
                case PATH -> path(subject);
                case GIT -> git(subject);
                case PROCESSES -> processes(subject);
            };
        } catch (IOException | RuntimeException e) {
            return new Print(subject, "unreadable", Map.of("error", String.valueOf(e.getMessage())), Map.of());
        }
    }

    private static Print path(Subject subject) throws IOException {
        Path path = Path.of(subject.path());
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return new Print(subject, "absent", Map.of(), Map.of());
        }
        if (Files.isDirectory(path)) {
            return folder(subject, path);
        }
        if (Files.isRegularFile(path) && sqlite(path)) {
            return database(subject, path);
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("size", String.valueOf(Files.size(path)));
        facts.put("modified", Files.getLastModifiedTime(path).toString());
        if (Files.isRegularFile(path) && Files.size(path) <= CHECKSUMMED) {
            facts.put("sha256", Sha256.of(path));
        }
        return new Print(subject, "file", facts, Map.of());
    }

    private static Print folder(Subject subject, Path folder) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        long[] bytes = {0};
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (dir.getFileName() != null && dir.getFileName().toString().equals("__pycache__")) {
                    return FileVisitResult.SKIP_SUBTREE; // Python's bytecode cache: rewritten by merely running
                }
                if (!dir.equals(folder)) {
                    entries.put(folder.relativize(dir) + "/", "folder");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = folder.relativize(file).toString();
                if (attributes.isSymbolicLink()) {
                    entries.put(name, "link to " + Files.readSymbolicLink(file));
                } else {
                    bytes[0] += attributes.size();
                    entries.put(name, "size " + attributes.size() + ", modified " + attributes.lastModifiedTime());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("entries", String.valueOf(entries.size()));
        facts.put("bytes", String.valueOf(bytes[0]));
        String kind = "folder";
        try {
            java.util.Optional<String> list = ChecksumLists.find(folder);
            if (list.isPresent()) {
                kind = "backup";
                facts.put("checksum list", list.get() + " sha256 " + Sha256.of(folder.resolve(list.get())));
            }
        } catch (dev.runbook.files.Refusal ambiguous) {
            facts.put("checksum list", "ambiguous: " + ambiguous.getMessage());
        }
        return new Print(subject, kind, facts, entries);
    }

    private static boolean sqlite(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(SQLITE.length), SQLITE);
        }
    }

    private static Print database(Subject subject, Path db) throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        try {
            FileHeader header = FileHeader.read(db);
            facts.put("header", "page size " + header.pageSize() + ", " + header.pageCount() + " pages");
        } catch (FileHeader.NotADatabase e) {
            facts.put("header", e.getMessage());
        }
        facts.put("size", String.valueOf(Files.size(db)));
        try {
            facts.put("Alembic revision", AlembicVersion.read(db).orElse("none"));
        } catch (java.sql.SQLException e) {
            facts.put("Alembic revision", "unreadable (" + e.getMessage() + ")");
        }
        facts.put("sha256", Sha256.of(db));
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        facts.put("write-ahead log", Files.exists(wal) ? Files.size(wal) + " bytes" : "none");
        return new Print(subject, "sqlite", facts, Map.of());
    }

    private static Print git(Subject subject) {
        Path dir = Path.of(subject.path());
        if (!Files.exists(dir)) {
            return new Print(subject, "absent", Map.of(), Map.of());
        }
        try (GitRepo repo = GitRepo.open(dir)) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("HEAD", repo.head().getName());
            facts.put("branch", repo.branch().orElse("(detached)"));
            MessageDigest index = Sha256.digest();
            var cache = repo.repository().readDirCache();
            for (int i = 0; i < cache.getEntryCount(); i++) {
                var entry = cache.getEntry(i);
                index.update((entry.getPathString() + " " + entry.getObjectId().name() + " " + entry.getStage() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            facts.put("index", cache.getEntryCount() + " entries, sha256 " + Sha256.hex(index).substring(0, 16));
            Map<String, String> entries = new TreeMap<>();
            for (String line : WorkState.of(repo).porcelain()) {
                entries.put(line.substring(3), "status " + line.substring(0, 2).strip());
            }
            facts.put("work tree", entries.isEmpty() ? "clean" : entries.size() + " paths changed or untracked");
            return new Print(subject, "git", facts, entries);
        } catch (GitException | IOException e) {
            return new Print(subject, "unreadable", Map.of("error", String.valueOf(e.getMessage())), Map.of());
        }
    }

    private static Print processes(Subject subject) {
        Map<String, String> entries = new TreeMap<>();
        for (ProcessInfo process : ProcessMatcher.matching(subject.scope())) {
            entries.put("pid " + process.pid(), "started at tick " + process.startTicks() + ": "
                    + process.commandLine());
        }
        return new Print(subject, "processes", Map.of("count", String.valueOf(entries.size())), entries);
    }
}
