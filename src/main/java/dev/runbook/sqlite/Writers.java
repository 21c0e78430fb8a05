package dev.runbook.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who could still write to a database file: other processes that hold it (or its -wal or
 * -journal) open read-write, found in /proc, and any holder of SQLite's write lock, found by
 * trying that lock. The lock catches writers /proc cannot show (another container sharing the
 * file); /proc catches idle connections, which hold no lock yet but would keep writing into the
 * replaced file after a swap.
 *
 * <p>The lock is tried with a POSIX record lock on the same bytes SQLite uses (the RESERVED byte of
 * a rollback-journal database, the WAL write lock in the -shm file); trying it changes nothing.
 */
public final class Writers {

    private static final long RESERVED_BYTE = 0x40000001L;
    private static final long WAL_WRITE_LOCK = 120;
    private static final int ACCESS_MODE = 3;

    private Writers() {
    }

    /** One line per writer found; empty when none. */
    public static List<String> of(Path db) {
        return of(db, Set.of());
    }

    /**
     * One line per writer found, leaving out the processes in {@code stopping} (a dry run's earlier
     * step would stop them). A write lock held while one of those has the database open is taken
     * to be theirs: a stopped process holds no lock.
     */
    public static List<String> of(Path db, Set<Long> stopping) {
        java.util.Map<Long, String> writers = openForWriting(db);
        boolean byStopping = writers.keySet().stream().anyMatch(stopping::contains);
        List<String> found = new ArrayList<>(writers.entrySet().stream().filter(w -> !stopping.contains(w.getKey()))
                .map(java.util.Map.Entry::getValue).toList());
        if (!byStopping && (lockHeld(db, RESERVED_BYTE) || lockHeld(sidecar(db, "-shm"), WAL_WRITE_LOCK))) {
            found.add("a connection holds the database's write lock (a transaction is open)");
        }
        return found;
    }

    /** The processes with the database (or its -wal/-journal) open for writing, by pid, in /proc order. */
    private static java.util.Map<Long, String> openForWriting(Path db) {
        Set<String> targets;
        try {
            Path real = db.toRealPath();
            targets = Set.of(real.toString(), sidecar(real, "-wal").toString(), sidecar(real, "-journal").toString());
        } catch (IOException e) {
            return java.util.Map.of();
        }
        long self = ProcessHandle.current().pid();
        java.util.Map<Long, String> found = new java.util.LinkedHashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName()
                .toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && holdsForWriting(process, targets)) {
                    found.put(pid, "pid " + pid + " has it open for writing: " + commandLine(process));
                }
            }
        } catch (IOException e) {
            return found; // no /proc: the lock probe still runs
        }
        return found;
    }

    private static boolean holdsForWriting(Path process, Set<String> targets) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException gone) {
                    continue;
                }
                if (targets.contains(target) && writable(process.resolve("fdinfo").resolve(fd.getFileName()))) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            return false; // a process we may not inspect, or one that just ended
        }
        return false;
    }

    private static boolean writable(Path fdinfo) {
        try {
            for (String line : Files.readAllLines(fdinfo)) {
                if (line.startsWith("flags:")) {
                    return (Integer.parseInt(line.substring(6).trim(), 8) & ACCESS_MODE) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return true; // cannot tell: assume the worst
        }
        return true;
    }

    private static String commandLine(Path process) {
        try {
            String line = new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ')
                    .replaceAll("\\s+", " ").strip();
            return line.length() > 120 ? line.substring(0, 120) + "..." : line;
        } catch (IOException e) {
            return "?";
        }
    }

    private static boolean lockHeld(Path file, long offset) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock(offset, 1, false);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path sidecar(Path db, String suffix) {
        return db.resolveSibling(db.getFileName() + suffix);
    }
}
