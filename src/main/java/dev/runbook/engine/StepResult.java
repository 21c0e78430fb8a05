package dev.runbook.engine;

import dev.runbook.action.Preview;
import dev.runbook.model.Section;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step's end: status, attempts, outputs, the error, the preview lines of a dry run, and when.
 * {@code title}: the step's title as rendered (the runbook's text when it could not be rendered), or
 * null when the step has none. {@code failure}: why it did not succeed, as a value ({@link
 * FailureKind#NONE} when it did). {@code verdict}: a dry run's preview of it (empty when it really
 * ran); the effects are the same facts in words, and nothing reads them to decide.
 */
public record StepResult(String stepId, Section section, StepStatus status, int attempts, Map<String, Object> outputs,
                         String error, List<String> effects, Instant started, Instant ended, String title,
                         FailureKind failure, Optional<Preview.Verdict> verdict) {

    public StepResult {
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        effects = List.copyOf(effects);
        failure = Objects.requireNonNullElse(failure, byStatus(status));
        verdict = Objects.requireNonNullElse(verdict, Optional.empty());
    }

    /** {@code refused}: a dry run's preview says the run would refuse (its effects say why). */
    public StepResult(String stepId, Section section, StepStatus status, int attempts, Map<String, Object> outputs,
                      String error, List<String> effects, Instant started, Instant ended, String title,
                      boolean refused) {
        this(stepId, section, status, attempts, outputs, error, effects, started, ended, title, byStatus(status),
                refused ? Optional.of(Preview.Verdict.REFUSES) : Optional.empty());
    }

    public StepResult(String stepId, Section section, StepStatus status, int attempts, Map<String, Object> outputs,
                      String error, List<String> effects, Instant started, Instant ended, String title) {
        this(stepId, section, status, attempts, outputs, error, effects, started, ended, title, false);
    }

    public StepResult(String stepId, Section section, StepStatus status, int attempts, Map<String, Object> outputs,
                      String error, List<String> effects, Instant started, Instant ended) {
        this(stepId, section, status, attempts, outputs, error, effects, started, ended, null);
    }

    static StepResult skipped(String stepId, Section section, String reason, String title) {
        Instant now = Instant.now();
        return new StepResult(stepId, section, StepStatus.SKIPPED, 0, Map.of(), reason, List.of(), now, now, title);
    }

    StepResult withTitle(String newTitle) {
        return new StepResult(stepId, section, status, attempts, outputs, error, effects, started, ended, newTitle,
                failure, verdict);
    }

    /** The same end with another status (an undo action's result becomes undone or undo failed). */
    StepResult withStatus(StepStatus newStatus, Instant newEnded) {
        return new StepResult(stepId, section, newStatus, attempts, outputs, error, effects, started, newEnded, title,
                newStatus == StepStatus.UNDONE ? FailureKind.NONE : failure == FailureKind.NONE
                        ? FailureKind.FAILED : failure, verdict);
    }

    /** Nothing was changed because the action refused, or a dry run's preview says the run would refuse. */
    public boolean refused() {
        return failure == FailureKind.REFUSED || verdict.filter(v -> v == Preview.Verdict.REFUSES).isPresent();
    }

    /** A dry run's probe that was not run: it checks what an earlier, only previewed, step changes. */
    public boolean notProbed() {
        return verdict.filter(v -> v == Preview.Verdict.NOT_PROBED).isPresent();
    }

    /** The same end with another status and the same failure kind (a dry run's failed step as a gate reads it). */
    StepResult withStatus(StepStatus newStatus) {
        return new StepResult(stepId, section, newStatus, attempts, outputs, error, effects, started, ended, title,
                failure, verdict);
    }

    /** The id, and the title beside it when there is one: how people see a step. */
    public String label() {
        return title == null || title.isBlank() ? stepId : stepId + " (" + title + ")";
    }

    public Duration duration() {
        return Duration.between(started, ended);
    }

    /** The kind a status implies when the code that made the result did not say (the old constructors). */
    static FailureKind byStatus(StepStatus status) {
        return switch (status) {
            case FAILED, UNDO_FAILED, WOULD_FAIL -> FailureKind.FAILED;
            case WOULD_REFUSE -> FailureKind.REFUSED;
            case VERIFY_FAILED -> FailureKind.VERIFY_FAILED;
            case INTERRUPTED -> FailureKind.INTERRUPTED;
            case SUCCEEDED, SKIPPED, PREVIEWED, UNDONE, NOT_CHECKED, VOUCHED -> FailureKind.NONE;
        };
    }
}
