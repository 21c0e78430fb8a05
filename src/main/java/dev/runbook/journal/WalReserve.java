package dev.runbook.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a run's commits overwrite the WAL instead of appending to it. Each run starts with an empty
 * WAL (the last connection to close checkpoints and deletes it), and {@code fdatasync} of a file
 * that grew must also commit its new size to the file system's journal: on this VM a commit that
 * appends costs 1.5-2x one that overwrites (docs/PERFORMANCE.md, "Run journal").
 *
 * <p>So a run that is about to write extends the WAL with zeros to {@link #frames} frames, inside a
 * write transaction: while it holds the write lock no other connection writes frames, and bytes past
 * the end of the file are past every frame any reader may read. SQLite ignores them as it ignores the
 * stale frames it leaves behind after a checkpoint restarts the WAL: a zero frame header fails the
 * checksum chain, so recovery after a crash stops there. The checkpoint threshold is lowered to match
 * ({@link #CHECKPOINT_PAGES}), so that after each automatic checkpoint the WAL restarts inside the
 * reserved space. Durability is unchanged: every commit is still fsynced ({@code synchronous=FULL})
 * before it returns; only the file the fsync finds is already its final size.
 */
final class WalReserve {

    /** Pages after which SQLite checkpoints (its default is 1,000): about 115 steps of a run. */
    static final int CHECKPOINT_PAGES = 256;
    /** Room past the threshold for the transaction that crosses it. */
    private static final int SPARE_FRAMES = 64;
    private static final int WAL_HEADER = 32;
    private static final int FRAME_HEADER = 24;

    private WalReserve() {
    }

    static int frames() {
        return CHECKPOINT_PAGES + SPARE_FRAMES;
    }

    /** For every connection that may write: SQLite's default threshold would let the WAL outgrow the reserve. */
    static void configure(Statement sql) throws SQLException {
        sql.execute("PRAGMA wal_autocheckpoint = " + CHECKPOINT_PAGES);
    }

    /**
     * Call inside a write transaction ({@code BEGIN IMMEDIATE}). Does nothing when the journal is not
     * in WAL mode (no {@code -wal} file) or the WAL is already that large. A failure to extend is not
     * an error: the commits then append, as they would without this.
     */
    static void extend(Connection connection, Path database) throws SQLException {
        Path wal = Path.of(database + "-wal");
        long target = WAL_HEADER + (long) frames() * (pageSize(connection) + FRAME_HEADER);
        // Opening and closing another descriptor on the -wal is safe: SQLite keeps no POSIX locks on
        // that file (WAL locks are on -shm), so closing it cannot drop a lock SQLite holds.
        try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            for (long at = size; at < target; at += zeros.limit()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), target - at));
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            // No fsync of its own: the transaction's commit fsyncs the WAL, which writes these blocks
            // and the new size once, before any step's intent.
        } catch (NoSuchFileException notWal) {
            // Rollback journal (a file system without shared memory): nothing to reserve.
        } catch (IOException e) {
            // A full disk or a read-only file: the commit that follows reports it if it matters.
        }
    }

    private static int pageSize(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("PRAGMA page_size")) {
            return row.next() ? row.getInt(1) : 4096;
        }
    }
}
