package dev.runbook.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One attempt of one step: attempt 1 is the first try, each retry or re-run after a crash adds one;
 * a skipped step has the single attempt 0. {@code outputs}, {@code error} and {@code reason} are as
 * written, secrets already {@code ***}. Times are to the millisecond. {@code title} is the step's
 * title as rendered for this attempt (empty when the step has none, or for rows written before
 * journal schema 4). {@code failure}: how the attempt failed, as a value ({@link Failure#NONE} when
 * it did not; empty while running, and for a failed attempt recorded before journal schema 7, when
 * whether it changed something was not kept). {@code verdict}: a dry run's preview of the step.
 */
public record StepRecord(String runId, String stepId, int attempt, StepStatus status, Instant startedAt,
                         Optional<Instant> endedAt, Optional<Duration> duration, OptionalInt exitCode,
                         Map<String, Object> outputs, Optional<String> error, Optional<String> reason,
                         Optional<String> title, Optional<Failure> failure, Optional<Verdict> verdict) {

    public StepRecord(String runId, String stepId, int attempt, StepStatus status, Instant startedAt,
                      Optional<Instant> endedAt, Optional<Duration> duration, OptionalInt exitCode,
                      Map<String, Object> outputs, Optional<String> error, Optional<String> reason,
                      Optional<String> title) {
        this(runId, stepId, attempt, status, startedAt, endedAt, duration, exitCode, outputs, error, reason, title,
                Optional.empty(), Optional.empty());
    }

    public StepRecord(String runId, String stepId, int attempt, StepStatus status, Instant startedAt,
                      Optional<Instant> endedAt, Optional<Duration> duration, OptionalInt exitCode,
                      Map<String, Object> outputs, Optional<String> error, Optional<String> reason) {
        this(runId, stepId, attempt, status, startedAt, endedAt, duration, exitCode, outputs, error, reason,
                Optional.empty());
    }

    /**
     * How it failed in words ("refused before changing anything"); for a failed attempt whose kind
     * was not recorded (an older journal), that it was not; empty when it did not fail.
     */
    public Optional<String> failureSentence() {
        if (failure.isPresent()) {
            return Optional.of(failure.get().sentence()).filter(s -> !s.isEmpty());
        }
        return status == StepStatus.FAILED ? Optional.of("failed, not recorded whether it changed something")
                : Optional.empty();
    }

    /** The id, and the title beside it when there is one: how people see a step. */
    public String label() {
        return title.filter(t -> !t.isBlank()).map(t -> stepId + " (" + t + ")").orElse(stepId);
    }

    /** Still {@code running}: when the run's process is gone, the executor died in this step. */
    public boolean running() {
        return status == StepStatus.RUNNING;
    }
}
