package dev.runbook.journal;

import java.time.Instant;

/**
 * One {@code runbook resume} of a run: when it took the run up again, what the run stood at before
 * ({@code failed}, {@code interrupted}, or {@code running} when its process had died), and where
 * it ran. Reports list them, so a run that succeeded only after a resume says so.
 */
public record ResumeRecord(String runId, Instant resumedAt, RunStatus statusBefore, String host, long pid) {
}
