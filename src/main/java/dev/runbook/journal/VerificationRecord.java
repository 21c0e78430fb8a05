package dev.runbook.journal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One verify check of one step attempt: {@code position} counts the step's checks from 1 in the
 * order written. Only checks that ran are recorded: the first failing one ends the step, so the
 * checks after it have no row. {@code message} is why it failed (masked), empty when it passed.
 */
public record VerificationRecord(String runId, String stepId, int attempt, int position, String action, boolean ok,
                                 Optional<String> message, Instant checkedAt) {

    public VerificationRecord {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(checkedAt, "checkedAt");
        message = Objects.requireNonNullElse(message, Optional.empty());
    }
}
