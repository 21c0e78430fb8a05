package dev.runbook.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Who a staging folder belongs to: a file {@code owner} in it, held with an exclusive {@code flock}
 * by the restore that made the folder for as long as it runs. The kernel drops the lock when that
 * process dies, however it dies, so a lock that can be taken proves the owner is gone, and a lock
 * that cannot is a live restore whose staging must not be touched (before, a second restore into
 * the same target took a live staging for a crashed one and deleted it under the first).
 *
 * <p>Creation and takeover meet on the same file: the creator makes the folder (an atomic mkdir),
 * then creates {@code owner} and locks it; a recoverer opens {@code owner} (creating it when it is
 * not there yet) and locks it. Whichever locks first wins; the creator that loses refuses without
 * touching anything. A staging without an owner file was made by a version before this one.
 */
final class StagingOwner implements AutoCloseable {

    static final String FILE = "owner";

    private final FileChannel channel;
    private final FileLock lock;

    private StagingOwner(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** For the restore that has just made txDir: its owner file, locked and naming this process. */
    static StagingOwner claim(Path txDir) throws IOException, Refusal {
        FileChannel channel;
        try {
            channel = FileChannel.open(txDir.resolve(FILE), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.FileAlreadyExistsException | NoSuchFileException e) {
            throw raced(txDir);
        }
        FileLock lock = tryLock(channel);
        if (lock == null) {
            channel.close();
            throw raced(txDir);
        }
        String me = "pid " + ProcessHandle.current().pid() + " since " + ProcessHandle.current().info().startInstant()
                .map(Instant::toString).orElse("?") + ", staging from " + Instant.now() + "\n";
        channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new StagingOwner(channel, lock);
    }

    /**
     * For recovery of a staging found on disk: its lock, which proves its owner is gone; a
     * Refusal naming the owner when it is alive, and the staging is left as it is.
     */
    static StagingOwner takeOver(Path txDir) throws IOException, Refusal {
        FileChannel channel;
        try {
            channel = FileChannel.open(txDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            throw new Refusal("another restore removed the staging " + txDir + " meanwhile; run the step again");
        }
        FileLock lock = tryLock(channel);
        if (lock == null) {
            String owner = read(channel);
            channel.close();
            throw new Refusal("another restore is staging in " + txDir + " (" + (owner.isEmpty() ? "just started"
                    : owner) + ") and is still running; its staging is left alone: let it finish, then run the "
                    + "step again");
        }
        return new StagingOwner(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException thisJvm) {
            return null; // another restore in this very process holds it: alive
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    private static Refusal raced(Path txDir) {
        return new Refusal("another restore took " + txDir + " over while this one was creating it; nothing in the "
                + "target was changed: run the step again");
    }
}
