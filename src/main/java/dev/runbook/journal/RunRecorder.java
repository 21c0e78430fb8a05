package dev.runbook.journal;

import dev.runbook.template.Masker;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records one run's step transitions, each string masked on the way in. Made by {@link
 * Journal#startRun} or {@link Journal#continueRun}, which hold the runbook's lock for it; {@link
 * #finish} releases the lock.
 *
 * <p>Order guarantee: {@link #stepStarted} returns only once the intent is on disk together with
 * everything recorded before it, so the action may then start. Everything else (outcomes, skips,
 * read-only intents, marks) is committed with the next intent, on {@link #flush} or {@link #finish},
 * or within {@link CommitQueue#MAX_LAG}: a crash loses at most the outcomes since the last intent,
 * and the steps they belong to then read {@code running}, exactly like a step the executor died in.
 * Call {@link #flush} before waiting on a person (a confirmation) so nothing waits with them.
 */
public final class RunRecorder {

    private static final String INSERT_START = "INSERT INTO steps (run_id, step_id, attempt, status, started_at, "
            + "title) VALUES (?, ?, ?, 'running', ?, ?)";

    private final String runId;
    private final String runbook;
    private final Masker masker;
    private final CommitQueue queue;
    private final Optional<String> lockNotice;
    /** Start of each attempt still running, keyed "step#attempt": outcomes need one, and it gives the duration. */
    private final Map<String, Instant> running;
    private boolean finished;

    RunRecorder(String runId, String runbook, Masker masker, CommitQueue queue, Optional<String> lockNotice,
                Map<String, Instant> running) {
        this.runId = runId;
        this.runbook = runbook;
        this.masker = masker;
        this.queue = queue;
        this.lockNotice = lockNotice;
        this.running = new HashMap<>(running);
    }

    public String runId() {
        return runId;
    }

    /** Set when a dead run's lock was taken over to start this one: the line to show the user. */
    public Optional<String> lockNotice() {
        return lockNotice;
    }

    /** The intent before an action that changes something: durable when this returns. */
    public void stepStarted(String stepId, int attempt, Instant at) {
        stepStarted(stepId, attempt, null, at);
    }

    /** {@code title}: the step's title as rendered for this attempt, or null; masked like the rest. */
    public synchronized void stepStarted(String stepId, int attempt, String title, Instant at) {
        begin(stepId, attempt, at);
        String masked = title == null ? null : masker.mask(title);
        try {
            queue.commitNow(connection -> {
                insertStart(connection, stepId, attempt, masked, at);
                return null;
            });
        } catch (JournalException e) {
            running.remove(key(stepId, attempt));
            throw e;
        }
    }

    /** For a read-only action: nothing to protect, so the intent waits for the next commit. */
    public void readOnlyStepStarted(String stepId, int attempt, Instant at) {
        readOnlyStepStarted(stepId, attempt, null, at);
    }

    public synchronized void readOnlyStepStarted(String stepId, int attempt, String title, Instant at) {
        begin(stepId, attempt, at);
        String masked = title == null ? null : masker.mask(title);
        queue.commitLater(connection -> insertStart(connection, stepId, attempt, masked, at));
    }

    public synchronized void stepFinished(StepOutcome outcome) {
        Instant started = running.remove(key(outcome.stepId(), outcome.attempt()));
        if (started == null) {
            throw new IllegalStateException("step '" + outcome.stepId() + "' attempt " + outcome.attempt()
                    + " finished but was not started in run " + runId);
        }
        String outputs = MaskedJson.write(outcome.outputs(), masker);
        String error = outcome.error().map(masker::mask).orElse(null);
        long millis = Math.max(0, Duration.between(started, outcome.endedAt()).toMillis());
        queue.commitLater(connection -> Sql.update(connection, "UPDATE steps SET status = ?, ended_at = ?, "
                + "duration_ms = ?, exit_code = ?, outputs = ?, error = ?, failure = ?, verdict = ? "
                + "WHERE run_id = ? AND step_id = ? AND attempt = ?",
                outcome.status().word(), Times.stored(outcome.endedAt()), millis,
                outcome.exitCode().isPresent() ? outcome.exitCode().getAsInt() : null, outputs, error,
                outcome.failure().word(), outcome.verdict().map(Verdict::word).orElse(null),
                runId, outcome.stepId(), outcome.attempt()));
    }

    /**
     * One verify check's result, queued like an outcome (the attempt's row is recorded before it).
     * Recording the same check again (a resumed attempt) keeps the latest result.
     */
    public synchronized void verificationChecked(String stepId, int attempt, int position, String action, boolean ok,
                                                 Optional<String> message, Instant at) {
        checkOpen();
        String masked = message.map(masker::mask).orElse(null);
        queue.commitLater(connection -> Sql.update(connection, "INSERT INTO verifications (run_id, step_id, attempt, "
                + "position, action, ok, message, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (run_id, step_id, attempt, position) DO UPDATE SET action = excluded.action, "
                + "ok = excluded.ok, message = excluded.message, checked_at = excluded.checked_at",
                runId, stepId, attempt, position, action, ok ? 1 : 0, masked, Times.stored(at)));
    }

    /** Attempt 0: no attempt was made. Skipping again (a resumed run) updates the reason. */
    public void stepSkipped(String stepId, String reason, Instant at) {
        stepSkipped(stepId, null, reason, at);
    }

    public synchronized void stepSkipped(String stepId, String title, String reason, Instant at) {
        checkOpen();
        String masked = masker.mask(reason);
        String maskedTitle = title == null ? null : masker.mask(title);
        queue.commitLater(connection -> Sql.update(connection, "INSERT INTO steps (run_id, step_id, attempt, status, "
                + "started_at, ended_at, duration_ms, reason, title, failure) VALUES (?, ?, 0, 'skipped', ?, ?, 0, ?, ?, "
                + "'none') "
                + "ON CONFLICT (run_id, step_id, attempt) DO UPDATE SET reason = excluded.reason, "
                + "title = excluded.title", runId, stepId, Times.stored(at), Times.stored(at), masked, maskedTitle));
    }

    /**
     * A later fact about an attempt already recorded: {@code undone} or {@code undo_failed} after a
     * rollback, {@code interrupted} for an attempt a resume found {@code running}. Sets the end time
     * only where none was recorded.
     */
    public synchronized void stepMarked(String stepId, int attempt, StepStatus status, String reason, Instant at) {
        checkOpen();
        running.remove(key(stepId, attempt));
        String masked = masker.mask(reason);
        // A resume's "interrupted" is the kind too; undone keeps how the attempt itself ended.
        queue.commitLater(connection -> Sql.update(connection, "UPDATE steps SET status = ?, reason = ?, "
                + "ended_at = coalesce(ended_at, ?), failure = CASE WHEN ? = 'interrupted' THEN 'interrupted' "
                + "ELSE failure END WHERE run_id = ? AND step_id = ? AND attempt = ?",
                status.word(), masked, Times.stored(at), status.word(), runId, stepId, attempt));
    }

    /**
     * A rollback reversed {@code stepId} (or tried to): its latest attempt becomes {@code undone} or
     * {@code undo_failed}. A step whose undo failed once stays {@code undo_failed}: its effect may
     * still be there, whatever a later undo action of the same step did.
     */
    public synchronized void stepUndone(String stepId, boolean ok, String reason, Instant at) {
        checkOpen();
        String masked = masker.mask(reason);
        queue.commitLater(connection -> Sql.update(connection, "UPDATE steps SET status = ?, reason = ? "
                + "WHERE run_id = ? AND step_id = ? AND status IN ('succeeded', 'undone') AND attempt = "
                + "(SELECT max(attempt) FROM steps WHERE run_id = ? AND step_id = ?)",
                (ok ? StepStatus.UNDONE : StepStatus.UNDO_FAILED).word(), masked, runId, stepId, runId, stepId));
    }

    /**
     * {@code runbook undo}: this run reversed {@code stepId} of the earlier run {@code undoneRunId} (or
     * tried to). That step's latest attempt becomes {@code undone} or {@code undo_failed}. Unlike a
     * rollback's mark this one may go from {@code undo_failed} to {@code undone}: an undo run stops
     * at a failing undo, and a resume runs that undo again. Idempotent: a resume marks again what
     * the killed process may not have committed.
     */
    public synchronized void stepUndoneIn(String undoneRunId, String stepId, boolean ok, String reason) {
        checkOpen();
        String masked = masker.mask(reason);
        queue.commitLater(connection -> Sql.update(connection, "UPDATE steps SET status = ?, reason = ? "
                + "WHERE run_id = ? AND step_id = ? AND status IN ('succeeded', 'undone', 'undo_failed') AND attempt = "
                + "(SELECT max(attempt) FROM steps WHERE run_id = ? AND step_id = ?)",
                (ok ? StepStatus.UNDONE : StepStatus.UNDO_FAILED).word(), masked, undoneRunId, stepId, undoneRunId,
                stepId));
    }

    /**
     * The run's vars as rendered at its start (masked): {@code runbook undo} renders its undos with
     * them, not with vars rendered again (a var may read run.id, run.started_at, env or host).
     */
    public synchronized void varsRendered(Map<String, Object> vars) {
        checkOpen();
        String json = MaskedJson.write(vars, masker);
        queue.commitLater(connection -> Sql.update(connection, "UPDATE runs SET vars = ? WHERE id = ?", json, runId));
    }

    /**
     * A command a step started, with its pid and start mark, queued the moment it started (on disk
     * within the queue's lag, or with the step's next commit). Its token's prefix names the run and
     * step, and the step's intent was on disk before it started. Attempt 0: not inside an attempt
     * (an undo action).
     */
    public synchronized void commandStarted(String stepId, String token, String command, long pid, Instant at) {
        checkOpen();
        int attempt = running.keySet().stream().filter(k -> k.startsWith(stepId + "#"))
                .mapToInt(k -> Integer.parseInt(k.substring(stepId.length() + 1))).max().orElse(0);
        String mark = ProcessIdentity.startMark(pid).orElse(null);
        String masked = masker.mask(command);
        queue.commitLater(connection -> Sql.update(connection, "INSERT OR REPLACE INTO commands (run_id, step_id, "
                + "attempt, token, command, pid, process_start, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                runId, stepId, attempt, token, masked, pid, mark, Times.stored(at)));
    }

    /**
     * This run applies the saved plan with this checksum, approved by {@code approvedBy} (null: no
     * approval); durable when this returns. A plan is applied once: a second claim fails on the
     * table's key (callers check {@link Journal#planApplication} first, under the target's lock).
     */
    public synchronized void appliesPlan(String planSha256, String approvedBy, Instant at) {
        checkOpen();
        queue.commitNow(connection -> {
            Sql.update(connection, "INSERT INTO plan_applications (plan_sha256, run_id, applied_at, approved_by) "
                    + "VALUES (?, ?, ?, ?)", planSha256, runId, Times.stored(at), approvedBy);
            Sql.update(connection, "UPDATE runs SET plan_sha256 = ? WHERE id = ?", planSha256, runId);
            return null;
        });
    }

    /** Commits everything recorded so far. */
    public synchronized void flush() {
        queue.flush();
    }

    /** Durable when this returns; releases the lock in the same transaction. */
    public synchronized void finish(RunStatus status, Instant at) {
        checkOpen();
        if (status == RunStatus.RUNNING) {
            throw new IllegalArgumentException("a run cannot finish as running");
        }
        queue.commitNow(connection -> {
            Sql.update(connection, "UPDATE runs SET status = ?, ended_at = ? WHERE id = ?",
                    status.word(), Times.stored(at), runId);
            RunLock.release(connection, runbook, runId);
            return null;
        });
        finished = true;
    }

    private void begin(String stepId, int attempt, Instant at) {
        checkOpen();
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        if (running.putIfAbsent(key(stepId, attempt), at) != null) {
            throw new IllegalStateException("step '" + stepId + "' attempt " + attempt + " is already running");
        }
    }

    private void insertStart(Connection connection, String stepId, int attempt, String title, Instant at)
            throws SQLException {
        Sql.update(connection, INSERT_START, runId, stepId, attempt, Times.stored(at), title);
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("run " + runId + " is finished");
        }
    }

    static String key(String stepId, int attempt) {
        return stepId + "#" + attempt;
    }
}
