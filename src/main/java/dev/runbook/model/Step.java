package dev.runbook.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step as declared. {@code needs} is empty-optional when the step does not say: it then
 * depends on the step listed before it. Unset {@code timeout}, {@code retry} and {@code onError}
 * fall back to the runbook's defaults.
 */
public record Step(String id, Location location, Section section, Optional<Text> title, ActionCall action,
                   Optional<List<Text>> needs, Optional<Text> when, Optional<Retry> retry,
                   Optional<Duration> timeout, Optional<OnError> onError, List<ActionCall> verify,
                   List<ActionCall> undo, Optional<Text> confirm, boolean readonly,
                   Optional<Boolean> idempotent) {

    public Step {
        verify = List.copyOf(verify);
        undo = List.copyOf(undo);
    }
}
