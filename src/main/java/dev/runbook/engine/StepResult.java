package dev.runbook.engine;

import dev.runbook.model.Section;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One step's end: status, attempts, outputs, the error, the preview lines of a dry run, and when.
 * {@code title}: the step's title as rendered (the runbook's text when it could not be rendered), or
 * null when the step has none. {@code refused}: nothing was changed because the action (or a dry
 * run's preview) refused; in a dry run that is a WOULD_REFUSE.
 */
public record StepResult(String stepId, Section section, StepStatus status, int attempts, Map<String, Object> outputs,
                         String error, List<String> effects, Instant started, Instant ended, String title,
                         boolean refused) {

    /** How the effect line of a dry-run probe that was not run begins. */
    public static final String NOT_PROBED = "not probed: ";

    public StepResult {
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        effects = List.copyOf(effects);
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
                refused);
    }

    /** The same end, marked as refused: nothing was changed (an action refused, or a dry run's preview). */
    StepResult asRefused() {
        return new StepResult(stepId, section, status, attempts, outputs, error, effects, started, ended, title, true);
    }

    StepResult withStatus(StepStatus newStatus) {
        return new StepResult(stepId, section, newStatus, attempts, outputs, error, effects, started, ended, title,
                refused);
    }

    /** The id, and the title beside it when there is one: how people see a step. */
    public String label() {
        return title == null || title.isBlank() ? stepId : stepId + " (" + title + ")";
    }

    public Duration duration() {
        return Duration.between(started, ended);
    }
}
