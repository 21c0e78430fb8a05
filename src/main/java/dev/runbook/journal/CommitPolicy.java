package dev.runbook.journal;

/** How transitions reach the disk. Both keep every intent durable before its effect. */
public enum CommitPolicy {
    /**
     * Each transition is its own transaction, fsynced before the call returns: two fsyncs per step.
     * Simplest to reason about; measured at ~4 ms per step here (docs/JOURNAL.md).
     */
    EVERY_TRANSITION,
    /**
     * An intent to change something is fsynced before the call returns, together with everything
     * recorded before it; outcomes, skips and read-only intents wait for that next commit, for
     * {@link RunRecorder#flush()}, or at most {@link CommitQueue#MAX_LAG} (one fsync per step).
     */
    BATCHED
}
