package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Reads trees as entries, never following symlinks: a link is recorded as a link, with its target. */
public final class Trees {

    private Trees() {
    }

    /** The entry at path (named name), without checksum; empty when nothing is there. */
    public static Optional<Entry> stat(Path path, String name) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int mode = mode(attributes.permissions());
        if (attributes.isSymbolicLink()) {
            return Optional.of(new Entry(name, Entry.Kind.SYMLINK, 0, mode, attributes.lastModifiedTime().toInstant(),
                    Optional.empty(), Optional.of(Files.readSymbolicLink(path).toString())));
        }
        if (attributes.isDirectory()) {
            return Optional.of(new Entry(name, Entry.Kind.DIR, 0, mode, attributes.lastModifiedTime().toInstant(),
                    Optional.empty(), Optional.empty()));
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(path + " is neither a file, a folder nor a symlink (a device, socket or pipe)");
        }
        return Optional.of(new Entry(name, Entry.Kind.FILE, attributes.size(), mode,
                attributes.lastModifiedTime().toInstant(), Optional.empty(), Optional.empty()));
    }

    /**
     * Everything at and below path, parents before children, sorted by name within a folder;
     * names are prefix + '/' + relative name. Entries for which skip is true are left out with
     * everything below them.
     */
    public static List<Entry> scan(Path path, String prefix, Predicate<String> skip) throws IOException {
        List<Entry> entries = new ArrayList<>();
        walk(path, prefix, skip, entries);
        return entries;
    }

    private static void walk(Path path, String name, Predicate<String> skip, List<Entry> into) throws IOException {
        if (skip.test(name)) {
            return;
        }
        Optional<Entry> entry = stat(path, name);
        if (entry.isEmpty()) {
            return;
        }
        into.add(entry.get());
        if (entry.get().kind() == Entry.Kind.DIR) {
            List<Path> children;
            try (var list = Files.list(path)) {
                children = list.sorted().toList();
            }
            for (Path child : children) {
                walk(child, name.isEmpty() ? child.getFileName().toString() : name + "/" + child.getFileName(), skip, into);
            }
        }
    }

    /** Bytes held by the regular files at and below path (apparent sizes, links not followed). */
    public static long size(Path path) throws IOException {
        long total = 0;
        for (Entry entry : scan(path, "", name -> false)) {
            total += entry.size();
        }
        return total;
    }

    public static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }

    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }
}
