package dev.runbook.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A step's log file, written by both output pumps: whole lines, appended in arrival order, as
 * {@code cmd >log 2>&1} would interleave them (but never one stream inside another's line). Opened for appending, so every attempt of a
 * retried step stays in it. A write after close (a pump still draining a pipe held by a
 * background process) is dropped, and a failing disk does not fail the command: the in-memory
 * tails are still returned. The file is created on the first byte: a silent command (most checks)
 * leaves no empty log behind and does not pay for a file creation (~0.8 ms on this VM). The run's
 * secret values are masked on the way in ({@link LogMask}). Its size is capped, keeping the end
 * ({@link LogCap}).
 */
final class LogSink implements AutoCloseable {

    static final LogSink NONE = new LogSink(null, LogMask.NONE);

    private final Path file;
    private final LogMask mask;
    private OutputStream out;
    private long size;
    private boolean closed;

    private LogSink(Path file, LogMask mask) {
        this.file = file;
        this.mask = mask;
    }

    static LogSink open(Path file, LogMask mask) throws IOException {
        return file == null ? NONE : new LogSink(file, mask);
    }

    /** Callers write whole lines (or a whole stream), so a secret is never split between two writes. */
    synchronized void write(byte[] bytes, int offset, int length) {
        if (file == null || closed) {
            return;
        }
        byte[] masked = mask.none() ? null : mask.apply(bytes, offset, length);
        if (masked != null) {
            bytes = masked;
            offset = 0;
            length = masked.length;
        }
        try {
            if (out == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                size = Files.size(file);
            }
            out.write(bytes, offset, length);
            size += length;
            if (size > LogCap.CAP_BYTES) {
                out.close();
                out = null;
                size = LogCap.cut(file, LogCap.KEEP_BYTES);
                out = Files.newOutputStream(file, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            closed = true;
        }
    }

    @Override
    public synchronized void close() {
        if (out != null && !closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // Nothing more can be done about a log that cannot be closed.
            }
        }
    }
}
