package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares a unit's source with what its target holds now and decides, per entry, what the
 * restored target will hold: the source's entry, the current one (preserved, or kept because
 * mirror is off) or nothing (removed). Reads the target without changing it, never following links.
 */
public final class RestorePlanner {

    private final Predicate<String> preserved;
    private final boolean mirror;
    private final Predicate<String> keepExtra;

    /** preserved: tells whether a full name (relative to the restore root) must be kept as it is. */
    public RestorePlanner(Predicate<String> preserved, boolean mirror) {
        this(preserved, mirror, name -> false);
    }

    /**
     * keepExtra: tells whether a folder (full name) keeps what the source does not have: every entry
     * below it that the source lacks, at any depth, stays in place (mirror is off there), while what
     * the source has is restored. Unlike preserve, it needs no name for what is the user's: whatever
     * came after the backup is.
     */
    public RestorePlanner(Predicate<String> preserved, boolean mirror, Predicate<String> keepExtra) {
        this.preserved = preserved;
        this.mirror = mirror;
        this.keepExtra = keepExtra;
    }

    public UnitPlan plan(RestoreUnit unit) throws IOException, Refusal {
        Map<String, Entry> current = new HashMap<>();
        for (Entry entry : Trees.scan(unit.target(), "", name -> false)) {
            current.put(entry.name(), entry);
        }
        TreeSet<String> names = new TreeSet<>(unit.entries().keySet());
        names.addAll(current.keySet());
        Set<String> holdingPreserved = foldersHoldingPreserved(unit, current.keySet());
        List<Change> changes = new ArrayList<>();
        List<UnitPlan.Node> tree = new ArrayList<>();
        Map<String, Entry.Kind> kept = new HashMap<>();
        boolean structural = false;
        for (String name : names) {
            Entry source = unit.entries().get(name);
            Entry now = current.get(name);
            String full = unit.fullName(name);
            if (now != null && isPreserved(full)) {
                keep(unit, name, now, tree, kept, changes, "preserved");
            } else if (source != null) {
                String sum = sourceSum(unit, name, source);
                // The scan does not follow links, so a file found here is not behind a symlinked folder.
                Path samePlace = now != null && now.isFile() ? unit.targetOf(name) : null;
                tree.add(new UnitPlan.Node(name, source, unit.sourceOf(name), sum, true, samePlace));
                kept.put(name, source.kind());
                if (source.kind() != Entry.Kind.DIR) {
                    changes.add(compare(unit, name, source, sum, now));
                } else if (now == null || now.kind() != Entry.Kind.DIR || !sameMetadata(source, now)) {
                    structural = true; // a folder's mode or owner (a 1777 folder made 0777) is restored too
                }
            } else if (isBelowKeepExtra(full)) {
                keep(unit, name, now, tree, kept, changes, "not in the backup; kept in place");
            } else if (mirror && now.kind() == Entry.Kind.DIR && holdingPreserved.contains(name)) {
                // A user's folder the source lacks (workflows/local_x/) stays for the files kept in it.
                keep(unit, name, now, tree, kept, changes, "holds preserved files");
            } else if (mirror) {
                if (now.kind() != Entry.Kind.DIR) {
                    changes.add(new Change(Change.Kind.REMOVED, full, now.size(), -1, "not in the source"));
                } else {
                    structural = true;
                }
            } else {
                keep(unit, name, now, tree, kept, changes, "not in the source; mirror is off");
            }
        }
        for (UnitPlan.Node node : tree) {
            checkParent(unit, node.relative(), kept);
        }
        boolean changed = structural || changes.stream().anyMatch(c -> c.kind() != Change.Kind.UNCHANGED
                && c.kind() != Change.Kind.PRESERVED);
        return new UnitPlan(unit, changes, tree, changed);
    }

    /** The current folders (relative names) with a preserved entry somewhere inside them. */
    private Set<String> foldersHoldingPreserved(RestoreUnit unit, Set<String> currentNames) {
        Set<String> folders = new HashSet<>();
        for (String name : currentNames) {
            if (!name.isEmpty() && isPreserved(unit.fullName(name))) {
                for (int slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
                    folders.add(name.substring(0, slash));
                }
            }
        }
        return folders;
    }

    private boolean isPreserved(String fullName) {
        for (String name = fullName; ; name = name.substring(0, name.lastIndexOf('/'))) {
            if (preserved.test(name)) {
                return true;
            }
            if (name.indexOf('/') < 0) {
                return false;
            }
        }
    }

    /** Whether a folder above fullName (not fullName itself) keeps what the source lacks. */
    private boolean isBelowKeepExtra(String fullName) {
        for (int slash = fullName.lastIndexOf('/'); slash > 0; slash = fullName.lastIndexOf('/', slash - 1)) {
            if (keepExtra.test(fullName.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    private static void keep(RestoreUnit unit, String name, Entry now, List<UnitPlan.Node> tree,
                             Map<String, Entry.Kind> kept, List<Change> changes, String why) throws IOException {
        String sum = now.isFile() ? Sha256.of(unit.targetOf(name)) : null;
        tree.add(new UnitPlan.Node(name, now, unit.targetOf(name), sum, false, null));
        kept.put(name, now.kind());
        if (now.kind() != Entry.Kind.DIR) {
            changes.add(new Change(Change.Kind.PRESERVED, unit.fullName(name), now.size(), -1, why));
        }
    }

    private static String sourceSum(RestoreUnit unit, String name, Entry source) throws IOException {
        if (!source.isFile()) {
            return null;
        }
        return source.sha256().isPresent() ? source.sha256().get() : Sha256.of(unit.sourceOf(name));
    }

    private static Change compare(RestoreUnit unit, String name, Entry source, String sum, Entry now) throws IOException {
        String full = unit.fullName(name);
        if (now == null) {
            return new Change(Change.Kind.ADDED, full, -1, source.size(), "");
        }
        if (now.kind() != source.kind()) {
            return new Change(Change.Kind.REPLACED, full, now.size(), source.size(), "a " + now.kind().word()
                    + " becomes a " + source.kind().word());
        }
        if (source.kind() == Entry.Kind.SYMLINK) {
            return Objects.equals(source.linkTarget(), now.linkTarget())
                    ? new Change(Change.Kind.UNCHANGED, full, 0, 0, "")
                    : new Change(Change.Kind.REPLACED, full, 0, 0, "link to " + now.linkTarget().orElse("")
                    + " becomes a link to " + source.linkTarget().orElse(""));
        }
        boolean sameBytes = now.size() == source.size() && sum.equals(Sha256.of(unit.targetOf(name)));
        if (sameBytes && sameMetadata(source, now)) {
            return new Change(Change.Kind.UNCHANGED, full, now.size(), source.size(), "");
        }
        List<String> what = new ArrayList<>();
        if (source.mode() >= 0 && source.mode() != now.mode()) {
            what.add("mode " + now.octalMode() + " -> " + source.octalMode());
        }
        if (source.hasOwner() && (source.uid() != now.uid() || source.gid() != now.gid())) {
            what.add("owner " + now.uid() + ":" + now.gid() + " -> " + source.uid() + ":" + source.gid());
        }
        return new Change(Change.Kind.REPLACED, full, now.size(), source.size(), sameBytes ? String.join(", ", what) : "");
    }

    /** Mode (with setuid, setgid, sticky) and, when the source records them, owner and group. */
    private static boolean sameMetadata(Entry source, Entry now) {
        boolean sameMode = source.mode() < 0 || source.mode() == now.mode();
        boolean sameOwner = !source.hasOwner() || (source.uid() == now.uid() && source.gid() == now.gid());
        return sameMode && sameOwner;
    }

    private static void checkParent(RestoreUnit unit, String name, Map<String, Entry.Kind> kept) throws Refusal {
        if (name.isEmpty()) {
            return;
        }
        String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
        if (kept.get(parent) != Entry.Kind.DIR) {
            throw new Refusal("cannot keep " + Escapes.quote(unit.fullName(name)) + ": the restore puts a "
                    + (kept.get(parent) == null ? "nothing" : kept.get(parent).word()) + " where its folder "
                    + Escapes.quote(unit.fullName(parent)) + " is");
        }
    }

    /** A preserve predicate from globs matched against full names ('**' crosses folders). */
    public static Predicate<String> globs(List<String> patterns) {
        List<java.nio.file.PathMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            matchers.add(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        }
        return name -> {
            Path path = Path.of(name);
            return matchers.stream().anyMatch(m -> m.matches(path));
        };
    }
}
