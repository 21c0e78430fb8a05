package dev.runbook.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One attempt of one step: attempt 1 is the first try, each retry or re-run after a crash adds one;
 * a skipped step has the single attempt 0. {@code outputs}, {@code error} and {@code reason} are as
 * written, secrets already {@code ***}. Times are to the millisecond.
 */
public record StepRecord(String runId, String stepId, int attempt, StepStatus status, Instant startedAt,
                         Optional<Instant> endedAt, Optional<Duration> duration, OptionalInt exitCode,
                         Map<String, Object> outputs, Optional<String> error, Optional<String> reason) {

    /** Still {@code running}: when the run's process is gone, the executor died in this step. */
    public boolean running() {
        return status == StepStatus.RUNNING;
    }
}
