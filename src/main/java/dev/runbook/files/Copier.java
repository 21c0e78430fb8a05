package dev.runbook.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Copies entries with their metadata: a file's bytes are read once, hashed while written, fsynced,
 * and given the recorded mode and mtime; a symlink is made again as a link with the same target
 * text (never followed); a folder gets its mode and mtime after its children are in (adding them
 * changes its mtime). Files are copied on a few threads: hashing is the CPU-bound half.
 */
public final class Copier {

    /**
     * One file to copy: where from, where to, and the metadata it must end up with; for staging,
     * also a file to hard-link instead when it proves to hold the expected bytes ({@link Reuse}).
     */
    public record Job(Path source, Path target, Entry entry, Path reuse, String expected) {

        public Job(Path source, Path target, Entry entry) {
            this(source, target, entry, null, null);
        }
    }

    /** What staging wrote: each entry name's checksum, and how much of it is links to files already on disk. */
    public record Staged(Map<String, String> sums, Restorer.Linked linked) {
    }

    private static final int THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private Copier() {
    }

    private static String copyUnsynced(Path source, Path target, Entry entry) throws IOException {
        ByteBuffer buffer = Sha256.buffer();
        try (Sha256.Hasher hasher = Sha256.hasher(); FileChannel in = open(source);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                hasher.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
            }
            setOwnerAndMode(target, entry);
            Files.setLastModifiedTime(target, FileTime.from(entry.mtime()));
            return hasher.hex();
        }
    }

    private static FileChannel open(Path source) throws IOException {
        try {
            return FileChannel.open(source, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(source.toString(), null, "permission denied");
        }
    }

    public static void makeLink(Path target, Entry entry) throws IOException {
        Files.createSymbolicLink(target, Path.of(entry.linkTarget().orElseThrow()));
        setOwnerAndMode(target, entry);
        setLinkTime(target, entry);
    }

    /**
     * The entry's owner and group (when recorded), then its whole mode (chown clears setuid and
     * setgid, so the mode comes second; a link has none of its own). What does not stick (not
     * root) is found afterwards by {@link MetadataCheck}, which compares the whole written tree.
     */
    static void setOwnerAndMode(Path target, Entry entry) throws IOException {
        if (entry.hasOwner()) {
            try {
                Files.setAttribute(target, "unix:uid", entry.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(target, "unix:gid", entry.gid(), LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.FileSystemException notRoot) {
                // reported by MetadataCheck
            }
        }
        if (entry.kind() != Entry.Kind.SYMLINK) {
            try {
                Files.setAttribute(target, "unix:mode", entry.mode(), LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
                Files.setPosixFilePermissions(target, Trees.permissions(entry.mode()));
            }
        }
    }

    /** A link's own mtime (lutimes); where the platform cannot, the link keeps its creation time. */
    private static void setLinkTime(Path link, Entry entry) {
        try {
            Files.getFileAttributeView(link, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(entry.mtime()), null, null);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every filesystem can time a link; the content (its target) is what matters.
        }
    }

    /** A folder's final mode and mtime, once everything inside it is written; the caller fsyncs it. */
    public static void finishDir(Path dir, Entry entry) throws IOException {
        setOwnerAndMode(dir, entry);
        Files.setLastModifiedTime(dir, FileTime.from(entry.mtime()));
    }

    /**
     * Copies all jobs on a few threads. The copies are not durable yet: the caller makes the whole
     * tree durable at once ({@link Durable#syncAll}) when its folders are finished too. Returns
     * each entry name's checksum; the first failure wins.
     */
    public static Map<String, String> copyAll(List<Job> jobs) throws IOException {
        Map<String, String> sums = new ConcurrentHashMap<>();
        Parallel.each(jobs, THREADS, "copier",
                job -> sums.put(job.entry().name(), copyUnsynced(job.source(), job.target(), job.entry())));
        return sums;
    }

    /**
     * Like {@link #copyAll}, but a job with a file to reuse is hard-linked to it and its bytes
     * hashed; when they are not the expected ones, or the link cannot be made (another filesystem,
     * protected links), the link is removed and the file copied.
     */
    public static Staged stageAll(List<Job> jobs) throws IOException {
        Map<String, String> sums = new ConcurrentHashMap<>();
        LongAdder files = new LongAdder();
        LongAdder bytes = new LongAdder();
        Parallel.each(jobs, THREADS, "copier", job -> {
            if (job.reuse() != null && linkIfSame(job)) {
                files.increment();
                bytes.add(job.entry().size());
                sums.put(job.entry().name(), job.expected());
            } else {
                sums.put(job.entry().name(), copyUnsynced(job.source(), job.target(), job.entry()));
            }
        });
        return new Staged(sums, new Restorer.Linked(files.sum(), bytes.sum()));
    }

    /**
     * Links the job's file and keeps the link only when the file then has exactly two names (so no
     * other restore, of a step running beside this one, or anything else linked it meanwhile) and
     * its bytes are the expected ones.
     */
    private static boolean linkIfSame(Job job) throws IOException {
        try {
            Files.createLink(job.target(), job.reuse());
            if (((Number) Files.getAttribute(job.target(), "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() == 2
                    && Sha256.of(job.target()).equals(job.expected())) {
                return true;
            }
        } catch (IOException e) {
            // Not linkable here after all: the copy below is always possible.
        }
        Files.deleteIfExists(job.target());
        return false;
    }

    /** Hashes files on a few threads: name to checksum. */
    public static Map<String, String> hashAll(Map<String, Path> files) throws IOException {
        Map<String, String> sums = new ConcurrentHashMap<>();
        Parallel.each(files.entrySet(), THREADS, "hasher", file -> sums.put(file.getKey(), Sha256.of(file.getValue())));
        return sums;
    }
}
