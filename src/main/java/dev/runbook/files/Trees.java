package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Reads trees as entries, never following symlinks: a link is recorded as a link, with its target. */
public final class Trees {

    private Trees() {
    }

    /** The entry at path (named name), without checksum or hard link; empty when nothing is there. */
    public static Optional<Entry> stat(Path path, String name) throws IOException {
        return stat(path, name, null);
    }

    /**
     * {@code firstNames}: file identity (device and inode) to the first name seen, for a scan; a
     * file with several names found again gets that name as its {@code hardLinkOf}.
     */
    private static Optional<Entry> stat(Path path, String name, Map<Object, String> firstNames) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        // One lstat for everything (the unix view also has the basic attributes): scans of large trees pay per call.
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid,nlink,size,lastModifiedTime,fileKey,"
                + "isSymbolicLink,isDirectory,isRegularFile", LinkOption.NOFOLLOW_LINKS);
        Attributes attributes = new Attributes(unix);
        int mode = ((Integer) unix.get("mode")) & Ownership.MODE_BITS;
        int uid = (Integer) unix.get("uid");
        int gid = (Integer) unix.get("gid");
        java.time.Instant mtime = attributes.lastModifiedTime().toInstant();
        if (attributes.isSymbolicLink()) {
            return Optional.of(new Entry(name, Entry.Kind.SYMLINK, 0, mode, mtime, Optional.empty(),
                    Optional.of(Files.readSymbolicLink(path).toString()), uid, gid, Optional.empty()));
        }
        if (attributes.isDirectory()) {
            return Optional.of(new Entry(name, Entry.Kind.DIR, 0, mode, mtime, Optional.empty(), Optional.empty(), uid,
                    gid, Optional.empty()));
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(path + " is neither a file, a folder nor a symlink (a device, socket or pipe)");
        }
        Optional<String> first = Optional.empty();
        if (firstNames != null && (Integer) unix.get("nlink") > 1 && attributes.fileKey() != null) {
            first = Optional.ofNullable(firstNames.putIfAbsent(attributes.fileKey(), name));
        }
        return Optional.of(new Entry(name, Entry.Kind.FILE, attributes.size(), mode, mtime, Optional.empty(),
                Optional.empty(), uid, gid, first));
    }

    /** The basic attributes out of the unix view's map, named as BasicFileAttributes names them. */
    private record Attributes(Map<String, Object> unix) {

        boolean isSymbolicLink() {
            return (Boolean) unix.get("isSymbolicLink");
        }

        boolean isDirectory() {
            return (Boolean) unix.get("isDirectory");
        }

        boolean isRegularFile() {
            return (Boolean) unix.get("isRegularFile");
        }

        long size() {
            return (Long) unix.get("size");
        }

        java.nio.file.attribute.FileTime lastModifiedTime() {
            return (java.nio.file.attribute.FileTime) unix.get("lastModifiedTime");
        }

        Object fileKey() {
            return unix.get("fileKey");
        }
    }

    /**
     * Everything at and below path, parents before children, sorted by name within a folder;
     * names are prefix + '/' + relative name. Entries for which skip is true are left out with
     * everything below them.
     */
    public static List<Entry> scan(Path path, String prefix, Predicate<String> skip) throws IOException {
        return scan(path, prefix, skip, new HashMap<>());
    }

    /** As {@link #scan(Path, String, Predicate)}, finding hard links across every scan that shares {@code firstNames}. */
    public static List<Entry> scan(Path path, String prefix, Predicate<String> skip, Map<Object, String> firstNames)
            throws IOException {
        List<Entry> entries = new ArrayList<>();
        walk(path, prefix, skip, entries, firstNames);
        return entries;
    }

    private static void walk(Path path, String name, Predicate<String> skip, List<Entry> into,
                             Map<Object, String> firstNames) throws IOException {
        if (skip.test(name)) {
            return;
        }
        Optional<Entry> entry = stat(path, name, firstNames);
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
                walk(child, name.isEmpty() ? child.getFileName().toString() : name + "/" + child.getFileName(), skip, into,
                        firstNames);
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
