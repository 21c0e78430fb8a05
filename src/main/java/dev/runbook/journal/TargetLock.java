package dev.runbook.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The run lock across journals: an exclusive {@code flock} on one file per lock key in a folder
 * every runbook on the machine shares ({@code RUNBOOK_LOCK_DIR}, default {@code /tmp/runbook-locks},
 * mode 1777 like /tmp). Two runs against one installation exclude each other even when they keep
 * their journals in different state folders; the kernel releases the lock when its process dies,
 * so a crashed run never blocks the next one and no pid is guessed at. The file holds who has it
 * (key, run, pid, host, journal, since) for the refusal's message; it is opened without following
 * links, and never written unless locked, so a planted link or file changes nothing but the wait.
 */
public final class TargetLock implements AutoCloseable {

    public static final String DIR_ENV = "RUNBOOK_LOCK_DIR";
    private static final Set<PosixFilePermission> SHARED_FILE = PosixFilePermissions.fromString("rw-rw-rw-");

    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, String> holder;

    private TargetLock(FileChannel channel, FileLock lock, Map<String, String> holder) {
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /** The folder lock files are in: RUNBOOK_LOCK_DIR, else runbook-locks in the system's temporary folder. */
    public static Path directory(Map<String, String> env) {
        String dir = env.get(DIR_ENV);
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"),
                "runbook-locks");
    }

    /**
     * Takes the key's lock for this process, recording the journal it runs in; refused with the
     * holder's description when another process (or another run in this JVM) has it.
     */
    public static TargetLock acquire(Path dir, String key, Path journal, String host) throws RunLocked {
        Path file = fileFor(dir, key);
        FileChannel channel = null;
        try {
            prepare(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            shareWithOthers(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                Map<String, String> other = read(channel);
                channel.close();
                throw refusal(key, other);
            }
            Map<String, String> me = new LinkedHashMap<>();
            me.put("key", key);
            me.put("run", "(starting)");
            me.put("pid", Long.toString(ProcessHandle.current().pid()));
            me.put("host", host);
            me.put("journal", journal.toAbsolutePath().toString());
            me.put("since", Instant.now().toString());
            TargetLock taken = new TargetLock(channel, lock, me);
            taken.write();
            return taken;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new JournalException("cannot take the run lock in " + dir + ": " + e.getMessage()
                    + " (set " + DIR_ENV + " to a folder every runbook user can write)", e);
        }
    }

    /** Names the run that holds it, once the journal has given the run its id. */
    public void holdFor(String runId) {
        holder.put("run", runId);
        try {
            write();
        } catch (IOException e) {
            // Only the refusal message of a concurrent run reads it; the lock itself holds.
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel releases it anyway
        }
        closeQuietly(channel);
    }

    static Path fileFor(Path dir, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".lock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void write() throws IOException {
        StringBuilder text = new StringBuilder();
        holder.forEach((name, value) -> text.append(name).append('=').append(value.replace('\n', ' ')).append('\n'));
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static Map<String, String> read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
        channel.read(buffer, 0);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }

    private static RunLocked refusal(String key, Map<String, String> other) {
        String who = "run " + other.getOrDefault("run", "(unknown)") + " (pid " + other.getOrDefault("pid", "?")
                + " on host " + other.getOrDefault("host", "?") + ", since " + other.getOrDefault("since", "?")
                + ", journal " + other.getOrDefault("journal", "?") + ")";
        return new RunLocked("runbook '" + key + "' is locked by " + who);
    }

    /** Creates the shared folder sticky and world-writable, as /tmp is; refuses a link or an unsafe folder in its place. */
    private static void prepare(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(dir);
                Files.setAttribute(dir, "unix:mode", 01777);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another runbook made it first
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a folder (a link or a file is in its place)");
        }
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & 0002) != 0 && (mode & 01000) == 0) {
            throw new IOException(dir + " is writable by anyone but not sticky: others could replace the lock files");
        }
    }

    private static void shareWithOthers(Path file) {
        try {
            Files.setPosixFilePermissions(file, SHARED_FILE);
        } catch (IOException | UnsupportedOperationException notOurs) {
            // made by another user, who shared it already
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
