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

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                tail.add(buffer, 0, n);
                log.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The pipe was closed under us: the process is gone; what was read is kept.
        }
    }
}
