package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A backup as the source of a restore: the units to put back, each checked against the manifest
 * before anything is staged (missing, extra, truncated or resized files, wrong kinds or link
 * targets; every problem of every unit in one refusal). Checksums are compared while staging copies
 * the bytes, or up front by {@link #checksumProblems} for a preview.
 */
public final class BackupSource {

    private BackupSource() {
    }

    /** keepAs gives, for a unit's name, where its current content is kept. */
    public static List<RestoreUnit> units(Path backup, Manifest manifest, List<String> roots, Path to,
                                          Function<String, Path> keepAs) throws IOException, Refusal {
        return units(backup, manifest, "", roots, to, keepAs);
    }

    /**
     * Units from a folder of the backup: prefix is that folder's name in the manifest (as when a
     * restore takes from BACKUP/config what the manifest lists as config/...), roots are relative
     * to it, and so are the names in the target.
     */
    public static List<RestoreUnit> units(Path backup, Manifest manifest, String prefix, List<String> roots, Path to,
                                          Function<String, Path> keepAs) throws IOException, Refusal {
        List<String> problems = new ArrayList<>();
        List<RestoreUnit> units = new ArrayList<>();
        for (String relativeRoot : roots) {
            String root = prefix.isEmpty() ? EntryNames.check(relativeRoot) : prefix + "/" + EntryNames.check(relativeRoot);
            Map<String, Entry> listed = new LinkedHashMap<>();
            for (Entry entry : manifest.entries()) {
                if (entry.name().equals(root)) {
                    listed.put("", entry.renamed(""));
                } else if (entry.name().startsWith(root + "/")) {
                    listed.put(entry.name().substring(root.length() + 1), entry.renamed(entry.name().substring(root.length() + 1)));
                }
            }
            if (listed.isEmpty()) {
                throw new Refusal(Escapes.quote(root) + " is not in backup " + backup + " (its manifest does not list it)");
            }
            Path source = EntryNames.resolve(backup, root);
            Map<String, Entry> actual = new HashMap<>();
            for (Entry entry : Trees.scan(source, "", name -> false)) {
                actual.put(entry.name(), entry);
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            boolean implicitDirs = listed.values().stream().noneMatch(e -> e.kind() == Entry.Kind.DIR);
            for (Map.Entry<String, Entry> item : listed.entrySet()) {
                Entry found = actual.remove(item.getKey());
                String name = root + (item.getKey().isEmpty() ? "" : "/" + item.getKey());
                Optional<String> problem = mismatch(name, item.getValue(), found);
                problem.ifPresent(problems::add);
                if (problem.isEmpty()) {
                    entries.put(item.getKey(), withinUnit(merge(item.getValue(), found), root));
                }
            }
            for (Entry extra : actual.values()) {
                if (extra.kind() == Entry.Kind.DIR && implicitDirs) {
                    entries.put(extra.name(), extra);
                } else {
                    problems.add("extra: " + Escapes.quote(root + (extra.name().isEmpty() ? "" : "/" + extra.name()))
                            + " is not in the manifest");
                }
            }
            units.add(new RestoreUnit(relativeRoot, source, EntryNames.resolveInTarget(to, relativeRoot), entries,
                    keepAs.apply(relativeRoot)));
        }
        if (!problems.isEmpty()) {
            throw new Refusal("backup " + backup + " does not match its manifest (" + problems.size() + " problems: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; ..." : "") + "); nothing in the target was changed");
        }
        return units;
    }

    private static Optional<String> mismatch(String name, Entry expected, Entry found) {
        if (found == null) {
            return Optional.of("missing: " + Escapes.quote(name));
        }
        if (found.kind() != expected.kind()) {
            return Optional.of("kind: " + Escapes.quote(name) + " is a " + found.kind().word() + ", the manifest says "
                    + expected.kind().word());
        }
        if (expected.kind() == Entry.Kind.SYMLINK && !expected.linkTarget().equals(found.linkTarget())) {
            return Optional.of("link: " + Escapes.quote(name) + " points elsewhere than the manifest says");
        }
        if (expected.isFile() && expected.size() >= 0 && found.size() < expected.size()) {
            return Optional.of("truncated: " + Escapes.quote(name) + " has " + found.size() + " of " + expected.size() + " bytes");
        }
        if (expected.isFile() && expected.size() >= 0 && found.size() != expected.size()) {
            return Optional.of("size: " + Escapes.quote(name) + " has " + found.size() + " bytes, the manifest says "
                    + expected.size());
        }
        return Optional.empty();
    }

    /**
     * A hard link named by its manifest name, renamed like the entry (relative to the unit). One to
     * a file of another unit cannot be kept (units are swapped one by one): the file is copied,
     * and {@link MetadataCheck} reports the link as not kept.
     */
    private static Entry withinUnit(Entry entry, String root) {
        Optional<String> first = entry.hardLinkOf().filter(f -> f.startsWith(root + "/"))
                .map(f -> f.substring(root.length() + 1));
        return entry.withHardLinkOf(first.isPresent() ? first : entry.hardLinkOf().map(f -> "/" + f));
    }

    /** The manifest's metadata where it has some; the backup file's own where it does not. */
    private static Entry merge(Entry listed, Entry found) {
        if (listed.mode() >= 0) {
            return listed;
        }
        // A hand-made backup (cp -a) keeps owners like modes: the backup's own files say what they were.
        return new Entry(listed.name(), listed.kind(), found.size(), found.mode(), found.mtime(), listed.sha256(),
                found.linkTarget(), found.uid(), found.gid(), Optional.empty());
    }

    /** Files of the units whose bytes differ from the manifest (reads every file). */
    public static List<String> checksumProblems(List<RestoreUnit> units) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, String> expected = new HashMap<>();
        for (RestoreUnit unit : units) {
            unit.entries().forEach((relative, entry) -> {
                if (entry.isFile()) {
                    files.put(unit.fullName(relative), unit.sourceOf(relative));
                    expected.put(unit.fullName(relative), entry.sha256().orElse(""));
                }
            });
        }
        List<String> problems = new ArrayList<>();
        Copier.hashAll(files).forEach((name, sum) -> {
            if (!sum.equals(expected.get(name))) {
                problems.add("checksum: " + Escapes.quote(name) + " differs from the manifest");
            }
        });
        problems.sort(null);
        return problems;
    }
}
