package dev.runbook.files;

import dev.runbook.values.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a backup folder against its manifest and reports every problem, not the first: missing
 * entries, truncated or resized files, checksum mismatches, wrong kinds or link targets, and files
 * the manifest does not list. Sizes are compared before hashing, so a truncated file is reported
 * as truncated and not hashed.
 */
public final class BackupChecker {

    /** What a check found: the manifest, the files and bytes it covered, and every problem. */
    public record Report(Manifest manifest, long files, long bytes, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private BackupChecker() {
    }

    public static Report check(Path dir, String sumsFile) throws IOException, Refusal {
        return check(dir, BackupIndex.open(dir, Optional.of(sumsFile), true));
    }

    /** Without checksums (index from the files themselves), everything but the bytes is checked. */
    public static Report check(Path dir, BackupIndex index) throws IOException, Refusal {
        Manifest manifest = index.manifest();
        String sumsFile = index.manifestName();
        List<String> problems = new ArrayList<>();
        Map<String, Path> toHash = new LinkedHashMap<>();
        Set<String> listed = new HashSet<>();
        long bytes = 0;
        long files = 0;
        for (Entry expected : manifest.entries()) {
            listed.add(expected.name());
            Path path = EntryNames.resolve(dir, expected.name());
            Optional<Entry> actual = Trees.stat(path, expected.name());
            if (actual.isEmpty()) {
                problems.add("missing: " + Escapes.quote(expected.name()));
                continue;
            }
            if (actual.get().kind() != expected.kind()) {
                problems.add("kind: " + Escapes.quote(expected.name()) + " is a " + actual.get().kind().word()
                        + ", the manifest says " + expected.kind().word());
                continue;
            }
            if (expected.kind() == Entry.Kind.SYMLINK && !Objects.equals(expected.linkTarget(), actual.get().linkTarget())) {
                problems.add("link: " + Escapes.quote(expected.name()) + " points to " + actual.get().linkTarget().orElse("")
                        + ", the manifest says " + expected.linkTarget().orElse(""));
            }
            if (!expected.isFile()) {
                continue;
            }
            files++;
            long size = actual.get().size();
            bytes += size;
            if (expected.size() >= 0 && size < expected.size()) {
                problems.add("truncated: " + Escapes.quote(expected.name()) + " has " + size + " of " + expected.size() + " bytes");
            } else if (expected.size() >= 0 && size > expected.size()) {
                problems.add("size: " + Escapes.quote(expected.name()) + " has " + size + " bytes, the manifest says "
                        + expected.size());
            } else {
                toHash.put(expected.name(), path);
            }
        }
        if (!index.checksumsVerified()) {
            toHash.clear();
        }
        Map<String, String> sums = Copier.hashAll(toHash);
        Map<String, String> expectedSums = index.checksumsVerified() ? manifest.sums() : Map.of();
        for (String name : toHash.keySet()) {
            if (!sums.get(name).equals(expectedSums.get(name))) {
                problems.add("checksum: " + Escapes.quote(name) + " differs from the manifest");
            }
        }
        boolean hasMetadata = Files.isRegularFile(dir.resolve(Manifest.METADATA));
        for (Entry found : Trees.scan(dir, "", name -> false)) {
            boolean own = Manifest.OWN_FILES.contains(found.name()) || found.name().equals(sumsFile);
            boolean unlisted = found.kind() != Entry.Kind.DIR || hasMetadata;
            if (!found.name().isEmpty() && !own && unlisted && !listed.contains(found.name())
                    && !(found.kind() == Entry.Kind.DIR && holdsListed(found.name(), listed))) {
                problems.add("extra: " + Escapes.quote(found.name()) + " is not in the manifest");
            }
        }
        return new Report(manifest, files, bytes, problems);
    }

    private static boolean holdsListed(String dir, Set<String> listed) {
        String prefix = dir + "/";
        return listed.stream().anyMatch(name -> name.startsWith(prefix));
    }

    /** The TMWS checklist's expectations: counts, entries that must be there, size ranges. */
    public record Expectation(Optional<Long> minFiles, Optional<Long> exactFiles, List<String> present,
                              Map<String, long[]> sizes) {
    }

    public static List<String> expectations(Path dir, Report report, Expectation expect) throws IOException {
        List<String> problems = new ArrayList<>();
        expect.minFiles().filter(min -> report.files() < min).ifPresent(min ->
                problems.add("count: " + report.files() + " files, expected at least " + min));
        expect.exactFiles().filter(n -> report.files() != n).ifPresent(n ->
                problems.add("count: " + report.files() + " files, expected exactly " + n));
        Map<String, Entry> byName = report.manifest().byName();
        for (String name : expect.present()) {
            if (!byName.containsKey(name) || !Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                problems.add("absent: " + Escapes.quote(name) + " is expected in the backup");
            }
        }
        for (Map.Entry<String, long[]> range : expect.sizes().entrySet()) {
            Path file = dir.resolve(range.getKey());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("absent: " + Escapes.quote(range.getKey()) + " (a size is expected)");
                continue;
            }
            long size = Files.size(file);
            long min = range.getValue()[0];
            long max = range.getValue()[1];
            if (size < min || size > max) {
                problems.add("size: " + Escapes.quote(range.getKey()) + " is " + Sizes.human(size) + " (" + size
                        + " bytes), expected " + (min > 0 ? "at least " + Sizes.human(min) : "")
                        + (min > 0 && max < Long.MAX_VALUE ? " and " : "")
                        + (max < Long.MAX_VALUE ? "at most " + Sizes.human(max) : ""));
            }
        }
        return problems;
    }
}
