package dev.runbook.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The output of a command that ended before its output pumps were started: what it wrote is all in
 * the pipe already (a write to a pipe returns once the bytes are in it), so the awaiting thread reads
 * what is available and closes the stream, with no thread hand-off and no blocking read. A
 * background child that still holds the pipe gets nothing more read; once the stream is closed its
 * next write fails, as it does today after the process reaper closes the pipe.
 */
final class ExitedOutput {

    private ExitedOutput() {
    }

    /**
     * Reads what {@code in} has, into a tail and, in one piece, into the log (one write, so a secret
     * cannot fall between two). At most what a pipe holds: the command could not write more and exit.
     */
    static TailBuffer read(InputStream in, LogSink log) {
        TailBuffer tail = new TailBuffer(StreamPump.TAIL_BYTES);
        ByteArrayOutputStream all = null;
        try (in) {
            for (int available; (available = in.available()) > 0; ) {
                byte[] buffer = new byte[Math.min(64 * 1024, available)];
                int n = in.read(buffer, 0, buffer.length);
                if (n <= 0) {
                    break;
                }
                if (all == null) {
                    all = new ByteArrayOutputStream(n);
                }
                all.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // Not expected (the reaper swaps in a copy of what was left, it does not close under a reader):
            // what was read is kept.
        }
        if (all != null) {
            byte[] bytes = all.toByteArray();
            tail.add(bytes, 0, bytes.length);
            log.write(bytes, 0, bytes.length);
        }
        return tail;
    }
}
