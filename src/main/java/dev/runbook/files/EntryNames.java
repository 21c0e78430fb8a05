package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Names of entries inside a root (a backup, a restore target), always '/'-separated and relative.
 * A name from a manifest is untrusted: it must not climb out of its root, be absolute, hold a NUL,
 * or reach the target through a symlinked folder (which would write somewhere else entirely).
 */
public final class EntryNames {

    /** Reserved for a restore's staging folder inside a target. */
    public static final String STAGING = ".runbook-restore";

    private EntryNames() {
    }

    /**
     * A name as a checksum list may write it, in the one form used everywhere: {@code ./} prefixes,
     * {@code .} parts and doubled or trailing slashes dropped ({@code ./config//.env} is
     * {@code config/.env}; sha256sum opens both as the same file). Nothing that matters to safety
     * is removed: an absolute name stays absolute and {@code ..} stays, so {@link #check} refuses
     * them after.
     */
    public static String normalise(String name) {
        if (name.startsWith("/") || !(name.startsWith("./") || name.contains("//") || name.contains("/./")
                || name.endsWith("/") || name.endsWith("/.") || name.equals("."))) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    /** The name, checked; a refusal says which rule it broke. */
    public static String check(String name) throws Refusal {
        if (name.isEmpty()) {
            throw new Refusal("an entry has an empty name");
        }
        if (name.indexOf('\0') >= 0) {
            throw new Refusal("entry " + Escapes.quote(name) + " contains a NUL byte");
        }
        if (name.startsWith("/")) {
            throw new Refusal("entry " + Escapes.quote(name) + " is an absolute path; entries are relative to their root");
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..")) {
                throw new Refusal("entry " + Escapes.quote(name) + " contains '..' and could escape its root");
            }
            if (part.isEmpty() || part.equals(".")) {
                throw new Refusal("entry " + Escapes.quote(name) + " is not a plain relative path (empty or '.' part)");
            }
            if (part.equals(STAGING)) {
                throw new Refusal("entry " + Escapes.quote(name) + " uses the reserved name " + STAGING);
            }
        }
        return name;
    }

    /** Where a checked name lands under root, lexically (never resolving links). */
    public static Path resolve(Path root, String name) throws Refusal {
        Path resolved = root;
        for (String part : check(name).split("/")) {
            resolved = resolved.resolve(part);
        }
        return resolved;
    }

    /**
     * Where a name lands under a target root, refusing when a folder on the way (below the root) is
     * a symlink or not a folder: writing through it would change files outside the entry's place.
     */
    public static Path resolveInTarget(Path root, String name) throws Refusal {
        Path target = resolve(root, name);
        Path current = root;
        String[] parts = name.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            current = current.resolve(parts[i]);
            if (Files.isSymbolicLink(current)) {
                throw new Refusal("entry " + Escapes.quote(name) + ": its parent " + root.relativize(current)
                        + " in the target is a symlink to " + linkText(current) + "; refusing to write through it");
            }
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refusal("entry " + Escapes.quote(name) + ": its parent " + root.relativize(current)
                        + " in the target is a file, not a folder");
            }
        }
        return target;
    }

    /**
     * For a restore to one path ({@code file.restore}): refuses when a folder on the way to it is a
     * symlink or a file, as {@link #resolveInTarget} does below a backup's target root. The folders
     * checked are those below {@code base} (the run's working folder) when the path is inside it,
     * every folder above it otherwise: where the working folder itself lives is the operator's
     * choice, but a link below it could send the restore, its staging and its swap anywhere.
     */
    public static void refuseLinkedParents(Path to, Path base) throws Refusal {
        Path target = to.toAbsolutePath().normalize();
        Path root = base.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (!parent.startsWith(root)) {
            root = target.getRoot();
        }
        for (Path current = parent; current != null && !current.equals(root); current = current.getParent()) {
            if (Files.isSymbolicLink(current)) {
                throw new Refusal(to + ": its parent " + current + " is a symlink to " + linkText(current)
                        + "; refusing to write through it");
            }
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refusal(to + ": its parent " + current + " is a file, not a folder");
            }
        }
    }

    /** The '/'-separated name of path below root. */
    public static String nameOf(Path root, Path path) {
        Path relative = root.relativize(path);
        StringBuilder name = new StringBuilder();
        for (Path part : relative) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    private static String linkText(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
