package dev.runbook.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Pidfiles: one decimal pid and a newline, so {@code kill $(cat run/server.pid)} works too.
 *
 * <p>A pid alone is not proof: after a reboot or a crash the number may belong to an unrelated
 * process. The file's modification time is the evidence used, with no second line that would
 * break other tools: whoever wrote the file did so after the process started, so a process that
 * started later than the file was written is not the one it names, and is left alone. This also
 * holds for pidfiles written by other programs, and for one restored from a backup with its old
 * time. Its limit: a pid reused before the file was last touched (rewriting the file with the same
 * content refreshes its time) cannot be told apart.
 */
public final class Pidfile {

    /** startInstant is derived from whole-second boot time and 10 ms ticks, and clocks get stepped. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    /** What a pidfile names: the running process, or why there is none to act on. */
    public record Target(Optional<ProcessInfo> process, String note) {
    }

    private Pidfile() {
    }

    /** Writes the pid through a temporary file in the same folder and a rename: never half-written. */
    public static void write(Path file, long pid) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temp, pid + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The process a pidfile names, if it runs and is the one the file was written for. A missing
     * file or a dead pid is an empty target with a note, not an error; text that is not a pid is.
     */
    public static Target read(Path file) throws IOException {
        String text;
        Instant written;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            written = Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException e) {
            return none("no pidfile at " + file + ": nothing to stop");
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not hold a pid: '" + abbreviate(text) + "'");
        }
        if (pid <= 1) {
            throw new IOException(file + " holds pid " + pid + ", which is never a service");
        }
        Optional<ProcessInfo> process = ProcessTable.read(pid, true).filter(p -> !p.exited());
        if (process.isEmpty()) {
            return none("pid " + pid + " from " + file + " is not running");
        }
        Optional<Instant> started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
        if (started.isPresent() && started.get().isAfter(written.plus(SLACK))) {
            return none("pid " + pid + " from " + file + " started at " + started.get() + ", after the file was "
                    + "written (" + written + "): it is another process now (" + process.get().commandLine()
                    + "), left alone");
        }
        return new Target(process, "pid " + pid + " from " + file);
    }

    private static Target none(String note) {
        return new Target(Optional.empty(), note);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
