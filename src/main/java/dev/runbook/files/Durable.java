package dev.runbook.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes that survive a crash: fsync of files and of the folders that name them, renames that are
 * atomic or refused (never a silent copy), and small files written to a temporary name, fsynced and
 * renamed over, so a reader sees the old content or the new, never half.
 */
public final class Durable {

    private Durable() {
    }

    /**
     * fsync a regular file or a folder (a folder's fsync makes its renames and new names durable).
     * Opened for reading: fsync works on any descriptor, and a read-only file can be opened so.
     */
    public static void fsync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static final int SYNC_THREADS = 16;

    /**
     * From how many paths one syncfs is worth it: it also flushes what others wrote to the same
     * filesystem, so for a handful of files their own fsyncs cost less.
     */
    private static final int SYNCFS_FROM = 64;

    /**
     * Makes paths (files and folders just written under root) durable: one syncfs of root's
     * filesystem when there are many and the call is available (500 MB in 8,000 files: one flush
     * at the disk's speed instead of 8,000 fsyncs, each a journal commit), else an fsync each.
     */
    public static void syncAll(Path root, java.util.List<Path> paths) throws IOException {
        if (paths.size() >= SYNCFS_FROM && LinuxCalls.system().syncFileSystem(root)) {
            return;
        }
        fsyncAll(paths);
    }

    /** fsync many files at once: the filesystem commits concurrent fsyncs together. */
    public static void fsyncAll(java.util.List<Path> files) throws IOException {
        if (files.size() < 2) {
            for (Path file : files) {
                fsync(file);
            }
            return;
        }
        Parallel.each(files, Math.min(SYNC_THREADS, files.size()), "fsync", Durable::fsync);
    }

    /**
     * Renames source to target in one step. Across filesystems this is refused, never turned into
     * a copy: a copy can be cut in half by a crash, which is what the rename exists to prevent.
     */
    public static void rename(Path source, Path target) throws IOException, Refusal {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new Refusal("cannot rename " + source + " to " + target + " in one step (different filesystems); "
                    + "refusing to copy instead");
        }
    }

    /** Content to file: written beside it under a temporary name, fsynced, renamed, folder fsynced. */
    public static void writeString(Path file, String content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        fsync(temp);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsync(file.toAbsolutePath().getParent());
    }

    /**
     * Files.createDirectories, made durable: each folder created gets its name fsynced into its
     * parent, from the nearest folder that existed down. Without that a crash can lose a new
     * folder (and what was written into it, fsynced or not) though its files were synced.
     */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existed = existing(absolute);
        Files.createDirectories(absolute);
        if (existed.equals(absolute)) {
            return dir;
        }
        for (Path created = absolute; created != null && !created.equals(existed); created = created.getParent()) {
            fsync(created.getParent());
        }
        return dir;
    }

    /** A new folder only its owner can enter: staging must not be read or changed by others midway. */
    public static Path createPrivateDirectory(Path dir) throws IOException {
        return Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Whether a rename between the two places can be atomic: both on one mounted filesystem. */
    public static boolean sameFileSystem(Path a, Path b) throws IOException {
        return Files.getFileStore(storeOf(a)).equals(Files.getFileStore(storeOf(b)));
    }

    /**
     * A path whose filesystem is the one holding {@code path}: getFileStore follows links, and a
     * relative symlink moved into the staging folder points nowhere from there ("old/0 does not
     * exist"), so a link is asked through its folder.
     */
    private static Path storeOf(Path path) {
        Path p = existing(path);
        return Files.isSymbolicLink(p) && p.getParent() != null ? p.getParent() : p;
    }

    /** The path itself, or its nearest existing ancestor. */
    public static Path existing(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        return p == null ? path.toAbsolutePath().getRoot() : p;
    }

    /** Deletes a tree without following links (a link inside is removed, not what it points to). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            // Staging is 0700 and a restored folder may be read-only: make it writable to empty it.
            root.toFile().setWritable(true, true);
            root.toFile().setExecutable(true, true);
            try (var children = Files.list(root)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    deleteTree(child);
                }
            }
        }
        Files.delete(root);
    }
}
