package dev.runbook.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * integrity_check (or quick_check) and foreign_key_check on a database opened read-only. A file
 * that is empty, truncated, damaged or no database at all is a failed check with its reason: the
 * file is asked first ({@link FileHeader}), and what the driver throws becomes the reason.
 *
 * <p>Why the file is read through first: integrity_check visits pages in b-tree order, which on a
 * cold page cache is 4 KB reads at random (~9-15 s for 500 MB here). Reading the file through
 * first (two sequential readers, one per half) brings it into the cache at disk speed, after which
 * the check runs at memory speed; mmap then spares SQLite copying each page out of the cache.
 */
public final class IntegrityCheck {

    /** Enough lines to act on; the full list of a badly damaged file helps nobody. */
    private static final int MAX_PROBLEMS = 20;
    private static final int READ_CHUNK = 4 << 20;

    public enum Mode { FULL, QUICK }

    public record Result(boolean ok, String result) {
    }

    private IntegrityCheck() {
    }

    public static Result run(Path file, Mode mode, boolean foreignKeys) {
        return run(file, mode, foreignKeys, false);
    }

    /** As above; {@code immutable}: a file nothing writes to, read without locks or sidecar files. */
    public static Result run(Path file, Mode mode, boolean foreignKeys, boolean immutable) {
        FileHeader header;
        try {
            header = FileHeader.read(file);
        } catch (FileHeader.NotADatabase e) {
            return new Result(false, e.getMessage());
        }
        readThrough(file);
        List<String> problems = new ArrayList<>();
        try (Connection connection = immutable ? Databases.immutable(file) : Databases.readOnly(file);
             Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA mmap_size = " + header.bytes());
            String pragma = mode == Mode.QUICK ? "quick_check" : "integrity_check";
            try (ResultSet rows = sql.executeQuery("PRAGMA " + pragma + "(" + MAX_PROBLEMS + ")")) {
                while (rows.next()) {
                    String line = rows.getString(1);
                    if (!"ok".equals(line)) {
                        problems.add(line);
                    }
                }
            }
            if (foreignKeys && problems.isEmpty()) {
                problems.addAll(foreignKeyViolations(sql));
            }
        } catch (SQLException e) {
            return new Result(false, file + ": " + Databases.reason(e));
        }
        return problems.isEmpty() ? new Result(true, "ok")
                : new Result(false, file + ": " + String.join("; ", problems));
    }

    private static List<String> foreignKeyViolations(Statement sql) throws SQLException {
        List<String> violations = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("PRAGMA foreign_key_check")) {
            while (rows.next() && violations.size() < MAX_PROBLEMS) {
                violations.add("foreign key violation: " + rows.getString(1) + " row " + rows.getString(2)
                        + " refers to a missing row of " + rows.getString(3));
            }
        }
        return violations;
    }

    /**
     * Best effort: a file that cannot be read this way will fail the check itself with the reason.
     * Two readers, each sequential over its half: a virtual disk serves two streams faster than one.
     */
    private static void readThrough(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long half = (size / 2 / READ_CHUNK + 1) * READ_CHUNK;
            Thread second = new Thread(() -> readRange(channel, half, size), "runbook-read-through");
            second.setDaemon(true);
            second.start();
            readRange(channel, 0, Math.min(half, size));
            second.join();
        } catch (IOException ignored) {
            // the check that follows reports what is wrong with the file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readRange(FileChannel channel, long from, long to) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_CHUNK);
        try {
            for (long position = from; position < to; ) {
                buffer.clear().limit((int) Math.min(READ_CHUNK, to - position));
                int n = channel.read(buffer, position);
                if (n <= 0) {
                    return;
                }
                position += n;
            }
        } catch (IOException ignored) {
            // best effort, as above
        }
    }
}
