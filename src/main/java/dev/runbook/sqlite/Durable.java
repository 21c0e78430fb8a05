package dev.runbook.sqlite;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * A fresh name beside {@code target}: same folder, so same file system, so the rename is atomic.
     * It carries this process's pid, so a later run can tell a temporary file whose writer was
     * killed (SIGKILL runs no cleanup) from one still being written ({@link #removeAbandoned}).
     */
    public static Path tempBeside(Path target, String purpose) {
        String name = prefix(target, purpose) + ProcessHandle.current().pid() + "-" + Long.toHexString(
                ThreadLocalRandom.current().nextLong() >>> 8);
        return target.resolveSibling(name);
    }

    private static String prefix(Path target, String purpose) {
        return "." + target.getFileName() + "." + purpose + "-";
    }

    /**
     * Deletes the temporary files (with their -journal, -wal, -shm) that a killed writer left
     * beside {@code target} for {@code purpose}: those whose pid no longer runs. A live pid's are
     * left alone (another run may be writing them). Returns the names removed.
     */
    public static List<Path> removeAbandoned(Path target, String purpose) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        String prefix = prefix(target, purpose);
        List<Path> removed = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return removed;
        }
        try (DirectoryStream<Path> names = Files.newDirectoryStream(folder, p -> p.getFileName().toString()
                .startsWith(prefix))) {
            for (Path temp : names) {
                String rest = temp.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                long pid = dash > 0 && rest.substring(0, dash).chars().allMatch(Character::isDigit)
                        ? Long.parseLong(rest.substring(0, dash)) : -1;
                // The temporary file and its sidecars (.x.backup-42-1f3a-journal) all carry the pid.
                if (pid > 0 && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    Files.deleteIfExists(temp);
                    removed.add(temp);
                }
            }
        }
        if (!removed.isEmpty()) {
            fsyncFolder(folder);
        }
        return removed;
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
        dev.runbook.files.Durable.createDirectories(keep.toAbsolutePath().getParent());
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
