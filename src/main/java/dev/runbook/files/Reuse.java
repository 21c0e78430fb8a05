package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * instead of copying (a restore's {@code reuse: true}; off, {@link #none}, every file is copied):
 * first the target's own file at the same place, as the planner found it (never through a symlinked
 * folder), then a file an earlier restore of this run moved aside (its kept content), found by file
 * name, size and mtime, the one whose path ends most like the target's preferred, then the latest
 * kept. Never anything else the run keeps, such as collected forensics: evidence is not shared with
 * live files. Only a regular file with a single link and the staged entry's size, mtime and exact
 * mode qualifies, and it is never handed out twice; once linked it is kept only if it then has
 * exactly two names and its bytes hash to the expected checksum ({@link Copier#stageAll}),
 * otherwise the file is copied. So it is shared by the restored file and a kept copy, never by two
 * live files. Why: the bytes are already on this filesystem, and writing them again is the whole
 * cost of a large restore (page allocation and writeback, 3-12 s for 500 MB on the machine measured).
 */
public final class Reuse {

    private record Key(String fileName, long size, Instant mtime) {
    }

    private static final Reuse NONE = new Reuse(List.of(), false);

    private final List<Path> keptRoots;
    private final boolean enabled;
    private Map<Key, List<Path>> kept;
    private final Set<Object> taken = new HashSet<>();

    private Reuse(Collection<Path> keptRoots, boolean enabled) {
        this.keptRoots = List.copyOf(keptRoots);
        this.enabled = enabled;
    }

    /** The target's own files, and keptRoots: files and folders earlier restores of this run kept aside, oldest first. */
    public static Reuse of(Collection<Path> keptRoots) {
        return new Reuse(keptRoots, true);
    }

    /** Nothing is linked: every file is copied. */
    public static Reuse none() {
        return NONE;
    }

    /**
     * A file to link for entry (metadata resolved) staged for the target path target; samePlace is
     * the target's own file there as the planner found it, or null. Empty: copy it.
     */
    Optional<Path> candidate(Entry entry, Path samePlace, Path target) throws IOException {
        if (!enabled) {
            return Optional.empty();
        }
        Object identity = samePlace == null ? null : usable(samePlace, entry);
        Path best = identity == null ? null : samePlace;
        int bestScore = -1;
        List<Path> found = best != null ? List.of()
                : keptIndex().getOrDefault(new Key(target.getFileName().toString(), entry.size(), entry.mtime()), List.of());
        for (Path path : found) {
            int score = sameEnding(path, target);
            Object key = score >= bestScore ? usable(path, entry) : null;
            if (key != null) {
                best = path;
                bestScore = score;
                identity = key;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        taken.add(identity);
        return Optional.of(best);
    }

    /** The file's identity when it may be linked for entry (one stat), else null. */
    private Object usable(Path path, Entry entry) throws IOException {
        Map<String, Object> stat;
        try {
            // Named, not "unix:*": that would also look up the owner's and group's names (getpwuid, getgrgid).
            stat = Files.readAttributes(path, "unix:mode,nlink,size,lastModifiedTime,fileKey,isRegularFile",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return null;
        }
        Object identity = stat.get("fileKey");
        boolean fits = Boolean.TRUE.equals(stat.get("isRegularFile")) && ((Long) stat.get("size")) == entry.size()
                && ((FileTime) stat.get("lastModifiedTime")).toInstant().equals(entry.mtime())
                && (((Integer) stat.get("mode")) & 07777) == entry.mode() && ((Integer) stat.get("nlink")) == 1
                && identity != null && !taken.contains(identity);
        return fits ? identity : null;
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
