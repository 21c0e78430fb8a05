package dev.runbook.sqlite;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/** For database files: same-folder temporary names, atomic renames, publishing without replacing (fsync is files.Durable's). */
public final class Durable {

    private Durable() {
    }

    public static void fsync(Path file) throws IOException {
        dev.runbook.files.Durable.fsync(file);
    }

    /** A rename is durable only once its folder is synced. */
    public static void fsyncFolder(Path folder) throws IOException {
        try {
            dev.runbook.files.Durable.fsync(folder);
        } catch (IOException e) {
            // Some file systems refuse fsync on a folder; the rename itself has still happened.
            if (!String.valueOf(e.getMessage()).contains("Invalid argument")) {
                throw e;
            }
        }
    }

    /** A fresh name beside {@code target}: same folder, so same file system, so the rename is atomic. */
    public static Path tempBeside(Path target, String purpose) {
        String name = "." + target.getFileName() + "." + purpose + "-" + Long.toHexString(
                ThreadLocalRandom.current().nextLong() >>> 8);
        return target.resolveSibling(name);
    }

    public static void atomicRename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        fsyncFolder(to.toAbsolutePath().getParent());
    }

    /**
     * Renames a finished temporary file to {@code target}, refusing to replace one that appeared
     * meanwhile: a hard link fails when the name exists, where rename(2) would silently replace it.
     */
    public static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            Files.delete(temp);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IOException(target + " already exists; nothing was overwritten", e);
        } catch (IOException | UnsupportedOperationException e) {
            if (Files.exists(target)) {
                throw new IOException(target + " already exists; nothing was overwritten", e);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        fsyncFolder(target.toAbsolutePath().getParent());
    }

    /**
     * Keeps {@code file} under {@code keep} without removing it: a hard link when both are on one
     * file system (instant, and the kept copy is the very inode that was in use), else a synced copy.
     */
    public static void keep(Path file, Path keep) throws IOException {
        Files.createDirectories(keep.toAbsolutePath().getParent());
        try {
            Files.createLink(keep, file);
        } catch (IOException | UnsupportedOperationException e) {
            if (Files.exists(keep)) {
                throw new IOException(keep + " already exists");
            }
            Path staged = tempBeside(keep, "keep");
            try {
                Files.copy(file, staged, StandardCopyOption.COPY_ATTRIBUTES);
                fsync(staged);
                Files.move(staged, keep, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException impossible) {
                throw new IOException("cannot keep " + file + " as " + keep, impossible);
            } finally {
                Files.deleteIfExists(staged);
            }
        }
        fsyncFolder(keep.toAbsolutePath().getParent());
    }
}
