package dev.runbook.process;

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

    /** Reads what {@code in} has, into a tail and (whole, in one piece) into the log. */
    static TailBuffer read(InputStream in, LogSink log) {
        TailBuffer tail = new TailBuffer(StreamPump.TAIL_BYTES);
        byte[] buffer = null;
        try (in) {
            for (int available; (available = in.available()) > 0; ) {
                if (buffer == null) {
                    buffer = new byte[Math.min(8192, available)];
                }
                int n = in.read(buffer, 0, Math.min(buffer.length, available));
                if (n <= 0) {
                    break;
                }
                tail.add(buffer, 0, n);
                log.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // Not expected (the reaper swaps in a copy of what was left, it does not close under a reader):
            // what was read is kept.
        }
        return tail;
    }
}
