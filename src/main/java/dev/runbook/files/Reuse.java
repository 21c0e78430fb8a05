package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Files already on disk that may hold a staged file's exact bytes, so staging hard-links them
 * instead of copying: first the target's own file at the same place, then a file an earlier restore
 * of this run moved aside (its kept content), found by file name, size and mtime, the one whose path
 * ends most like the target's preferred, then the latest kept. Never anything else the run keeps,
 * such as collected forensics: evidence is not shared with live files. Only a regular file with a
 * single link, the staged entry's size, mtime and mode, qualifies: once linked it is shared by the
 * restored file and a kept copy, never by two live files, and it is never handed out twice. A
 * candidate is a guess until its bytes are hashed after linking and match the expected checksum
 * ({@link Copier#stageAll}); otherwise the file is copied. Why: the bytes are already on this
 * filesystem, and writing them again is the whole cost of a large restore (page allocation and
 * writeback, 3-12 s for 500 MB on the machine measured).
 */
public final class Reuse {

    private record Key(String fileName, long size, Instant mtime) {
    }

    private final List<Path> keptRoots;
    private Map<Key, List<Path>> kept;
    private final Set<Object> taken = new HashSet<>();

    /** keptRoots: files and folders earlier restores of this run kept aside, oldest first. */
    public Reuse(Collection<Path> keptRoots) {
        this.keptRoots = List.copyOf(keptRoots);
    }

    /** Only the target's own files, at the same place. */
    public static Reuse samePlaceOnly() {
        return new Reuse(List.of());
    }

    /** A file to link for entry (metadata resolved) staged for the target path current; empty: copy it. */
    Optional<Path> candidate(Entry entry, Path current) throws IOException {
        if (usable(current, entry) != null) {
            return take(current, entry);
        }
        Path best = null;
        int bestScore = -1;
        for (Path path : keptIndex().getOrDefault(new Key(current.getFileName().toString(), entry.size(), entry.mtime()),
                List.of())) {
            int score = sameEnding(path, current);
            if (score >= bestScore && usable(path, entry) != null) {
                best = path;
                bestScore = score;
            }
        }
        return best == null ? Optional.empty() : take(best, entry);
    }

    private Optional<Path> take(Path path, Entry entry) throws IOException {
        taken.add(usable(path, entry));
        return Optional.of(path);
    }

    /** The file's identity when it may be linked for entry, else null. */
    private Object usable(Path path, Entry entry) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return null;
        }
        boolean fits = attributes.isRegularFile() && attributes.size() == entry.size()
                && attributes.lastModifiedTime().toInstant().equals(entry.mtime())
                && Trees.mode(attributes.permissions()) == entry.mode() && attributes.fileKey() != null
                && !taken.contains(attributes.fileKey())
                && ((Number) Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() == 1;
        return fits ? attributes.fileKey() : null;
    }

    /** How many trailing names two paths share: docs/a/t.md and kept/a/t.md share two. */
    private static int sameEnding(Path a, Path b) {
        int shared = 0;
        for (int i = a.getNameCount() - 1, j = b.getNameCount() - 1; i >= 0 && j >= 0; i--, j--) {
            if (!a.getName(i).equals(b.getName(j))) {
                break;
            }
            shared++;
        }
        return shared;
    }

    /** The kept files by name, size and mtime; read once, on the first file without a same-place candidate. */
    private Map<Key, List<Path>> keptIndex() throws IOException {
        if (kept == null) {
            kept = new HashMap<>();
            for (Path root : keptRoots) {
                for (Entry entry : Trees.scan(root, "", name -> false)) {
                    if (entry.isFile()) {
                        Path path = entry.name().isEmpty() ? root : root.resolve(entry.name());
                        kept.computeIfAbsent(new Key(path.getFileName().toString(), entry.size(), entry.mtime()),
                                k -> new ArrayList<>()).add(path);
                    }
                }
            }
        }
        return kept;
    }
}
