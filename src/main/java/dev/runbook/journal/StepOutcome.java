package dev.runbook.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How an attempt ended: written after the action, over the attempt's {@code running} row.
 * {@code failure}: why it did not succeed ({@link Failure#NONE} when it did; by default what the
 * status implies). {@code verdict}: a dry run's preview of the step, empty for a real run.
 */
public record StepOutcome(String stepId, int attempt, StepStatus status, Instant endedAt, OptionalInt exitCode,
                          Map<String, Object> outputs, Optional<String> error, Failure failure,
                          Optional<Verdict> verdict) {

    public StepOutcome(String stepId, int attempt, StepStatus status, Instant endedAt, OptionalInt exitCode,
                       Map<String, Object> outputs, Optional<String> error) {
        this(stepId, attempt, status, endedAt, exitCode, outputs, error, null, Optional.empty());
    }

    public StepOutcome {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(endedAt, "endedAt");
        if (!status.endsAttempt()) {
            throw new IllegalArgumentException("an attempt cannot end as " + status.word());
        }
        exitCode = Objects.requireNonNullElse(exitCode, OptionalInt.empty());
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        error = Objects.requireNonNullElse(error, Optional.empty());
        failure = Objects.requireNonNullElse(failure, status == StepStatus.SUCCEEDED ? Failure.NONE
                : status == StepStatus.INTERRUPTED ? Failure.INTERRUPTED : Failure.FAILED);
        verdict = Objects.requireNonNullElse(verdict, Optional.empty());
    }

    public static StepOutcome succeeded(String stepId, int attempt, Instant endedAt, OptionalInt exitCode,
                                        Map<String, Object> outputs) {
        return new StepOutcome(stepId, attempt, StepStatus.SUCCEEDED, endedAt, exitCode, outputs, Optional.empty());
    }

    public static StepOutcome failed(String stepId, int attempt, Instant endedAt, OptionalInt exitCode, String error) {
        return new StepOutcome(stepId, attempt, StepStatus.FAILED, endedAt, exitCode, Map.of(), Optional.of(error));
    }

    public static StepOutcome interrupted(String stepId, int attempt, Instant endedAt, String why) {
        return new StepOutcome(stepId, attempt, StepStatus.INTERRUPTED, endedAt, OptionalInt.empty(), Map.of(),
                Optional.of(why));
    }
}
