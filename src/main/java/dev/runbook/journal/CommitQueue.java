package dev.runbook.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one way writes reach the journal's connection, and where batching happens.
 *
 * <p>{@link #commitNow} runs everything queued, then the given work, in one {@code BEGIN IMMEDIATE}
 * transaction, and returns once it is committed (fsynced: {@code synchronous=FULL}). {@link
 * #commitLater} queues a write; queued writes are committed in order, by the next {@code
 * commitNow}, by {@link #flush}, or by a timer at most {@link #MAX_LAG} after the first was queued.
 * Because the queue is committed in order and always before the work that follows it, what is on
 * disk is at every moment a prefix of what was recorded: a crash loses at most the latest writes
 * queued, never one in the middle.
 *
 * <p>All methods are synchronized: sqlite-jdbc connections are not for concurrent use, and the timer
 * thread commits too. A failed transaction is rolled back and its queued writes kept for the next.
 */
final class CommitQueue implements AutoCloseable {

    /** How long a queued write may wait for a commit: bounds what a crash in a long quiet step loses. */
    static final Duration MAX_LAG = Duration.ofMillis(100);

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    interface Write {
        void run(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final CommitPolicy policy;
    private final String file;
    private final Duration maxLag;
    private final List<Write> queued = new ArrayList<>();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> due;

    CommitQueue(Connection connection, CommitPolicy policy, String file, Duration maxLag) {
        this.connection = connection;
        this.policy = policy;
        this.file = file;
        this.maxLag = maxLag;
    }

    synchronized <T> T commitNow(Work<T> work) {
        try (Statement sql = connection.createStatement()) {
            sql.execute("BEGIN IMMEDIATE");
            try {
                for (Write write : queued) {
                    write.run(connection);
                }
                T result = work.run(connection);
                sql.execute("COMMIT");
                queued.clear();
                cancelTimer();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(sql, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new JournalException(file + ": cannot write the journal: " + e.getMessage(), e);
        }
    }

    synchronized void commitLater(Write write) {
        if (policy == CommitPolicy.EVERY_TRANSITION) {
            commitNow(connection -> {
                write.run(connection);
                return null;
            });
            return;
        }
        queued.add(write);
        if (due == null) {
            due = timer().schedule(this::flushQuietly, maxLag.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    synchronized void flush() {
        if (!queued.isEmpty()) {
            commitNow(connection -> null);
        }
    }

    /** Reads see everything recorded so far: the queue is committed first. */
    synchronized <T> T read(Work<T> work) {
        flush();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new JournalException(file + ": cannot read the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            flush();
        } finally {
            cancelTimer();
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }

    /** A failure here is kept, with the queue, for the next commit to retry and report. */
    private synchronized void flushQuietly() {
        due = null;
        try {
            flush();
        } catch (JournalException retriedByTheNextCommit) {
            // nothing to do: the writes stay queued
        }
    }

    private static void rollback(Statement sql, Exception cause) {
        try {
            sql.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void cancelTimer() {
        if (due != null) {
            due.cancel(false);
            due = null;
        }
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "runbook-journal-commit");
                thread.setDaemon(true);
                return thread;
            });
        }
        return timer;
    }
}
