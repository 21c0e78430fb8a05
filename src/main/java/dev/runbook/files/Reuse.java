package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Files already on disk that may hold a staged file's exact bytes, so staging hard-links them
 * instead of copying: first the target's own file at the same place, then a file this run moved
 * aside earlier (the kept content of a previous restore, under the run's forensics folder), matched
 * by name, size and mtime. Only a regular file with a single link, the staged entry's size, mtime
 * and mode, qualifies: once linked it is shared by the restored file and a kept copy, never by two
 * live files, and it is never handed out twice. A candidate is a guess until its bytes are hashed
 * after linking and match the expected checksum ({@link Copier#stageAll}); otherwise the file is
 * copied as before. Why: the bytes are already on this filesystem, and writing them again is the
 * whole cost of a restore (page allocation and writeback, 3-8 s for 500 MB on the machine measured).
 */
public final class Reuse {

    private record Key(String fileName, long size, Instant mtime) {
    }

    private final Path keptRoot;
    private Map<Key, Deque<Path>> kept;
    private final Set<Object> taken = new HashSet<>();

    /** keptRoot: a folder of files this run kept aside, or null for the same-place candidate only. */
    public Reuse(Path keptRoot) {
        this.keptRoot = keptRoot;
    }

    /** A file to link for entry (metadata resolved) staged at the target's path current; empty: copy it. */
    Optional<Path> candidate(Entry entry, Path current) throws IOException {
        if (qualifies(current, entry)) {
            return Optional.of(current);
        }
        Deque<Path> found = keptIndex().get(new Key(current.getFileName().toString(), entry.size(), entry.mtime()));
        while (found != null && !found.isEmpty()) {
            Path path = found.poll();
            if (qualifies(path, entry)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private boolean qualifies(Path path, Entry entry) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return false;
        }
        if (!attributes.isRegularFile() || attributes.size() != entry.size()
                || !attributes.lastModifiedTime().toInstant().equals(entry.mtime())
                || Trees.mode(attributes.permissions()) != entry.mode() || attributes.fileKey() == null
                || ((Number) Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() != 1) {
            return false;
        }
        return taken.add(attributes.fileKey());
    }

    /** The run's kept files by name, size and mtime; read once, on the first file without a same-place candidate. */
    private Map<Key, Deque<Path>> keptIndex() throws IOException {
        if (kept == null) {
            kept = new HashMap<>();
            if (keptRoot != null && Files.isDirectory(keptRoot, LinkOption.NOFOLLOW_LINKS)) {
                for (Entry entry : Trees.scan(keptRoot, "", name -> false)) {
                    if (entry.isFile()) {
                        kept.computeIfAbsent(new Key(fileName(entry.name()), entry.size(), entry.mtime()),
                                k -> new ArrayDeque<>()).add(keptRoot.resolve(entry.name()));
                    }
                }
            }
        }
        return kept;
    }

    private static String fileName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
