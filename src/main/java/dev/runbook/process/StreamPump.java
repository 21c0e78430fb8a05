package dev.runbook.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Copies one output stream of a command to the step log and keeps its tail in memory. Pumps run on
 * a shared pool of daemon threads: a step costs no thread start once the pool has two idle ones,
 * and a pump left blocked on a pipe that a background process holds open never keeps the JVM up.
 */
final class StreamPump implements Runnable {

    static final int TAIL_BYTES = 64 * 1024;

    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "runbook-output");
        thread.setDaemon(true);
        return thread;
    });

    private final InputStream in;
    private final LogSink log;
    private final TailBuffer tail = new TailBuffer(TAIL_BYTES);
    private Future<?> done;

    private StreamPump(InputStream in, LogSink log) {
        this.in = in;
        this.log = log;
    }

    static StreamPump start(InputStream in, LogSink log) {
        StreamPump pump = new StreamPump(in, log);
        pump.done = POOL.submit(pump);
        return pump;
    }

    /** Waits for the end of the stream until the deadline (System.nanoTime); false when it did not come. */
    boolean awaitEnd(long deadline) {
        try {
            done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    TailBuffer tail() {
        return tail;
    }

    /**
     * The log gets whole lines: a read ends wherever the pipe had data, and writing that as it came
     * would let the other stream's output land in the middle of a line. A partial line waits for
     * its end (or the stream's end, or 64 KiB, so a line without end cannot grow without bound).
     */
    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                tail.add(buffer, 0, n);
                int lastNewline = lastNewline(buffer, n);
                if (lastNewline < 0) {
                    partial.write(buffer, 0, n);
                    if (partial.size() >= TAIL_BYTES) {
                        flush(partial);
                    }
                    continue;
                }
                if (partial.size() > 0) {
                    partial.write(buffer, 0, lastNewline + 1);
                    flush(partial);
                } else {
                    log.write(buffer, 0, lastNewline + 1); // the common case: no copy
                }
                partial.write(buffer, lastNewline + 1, n - lastNewline - 1);
            }
        } catch (IOException e) {
            // The pipe was closed under us: the process is gone; what was read is kept.
        }
        flush(partial);
    }

    private void flush(java.io.ByteArrayOutputStream partial) {
        if (partial.size() > 0) {
            byte[] bytes = partial.toByteArray();
            log.write(bytes, 0, bytes.length);
            partial.reset();
        }
    }

    private static int lastNewline(byte[] buffer, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
