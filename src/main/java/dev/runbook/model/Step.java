package dev.runbook.model;

import dev.runbook.source.Location;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step as declared. {@code needs} is empty-optional when the step does not say: it then
 * depends on the step listed before it. Unset {@code timeout}, {@code retry} and {@code onError}
 * fall back to the runbook's defaults. {@code undoneBy}: the earlier step whose undo also reverses
 * this step's change (one undo that restores a whole backup), so this step needs no undo of its own
 * and is not irreversible.
 */
public record Step(String id, Location location, Section section, Optional<Text> title, ActionCall action,
                   Optional<List<Text>> needs, Optional<Text> when, Optional<Retry> retry,
                   Optional<Duration> timeout, Optional<OnError> onError, List<ActionCall> verify,
                   List<ActionCall> undo, Optional<Text> confirm, boolean readonly,
                   Optional<Boolean> idempotent, Optional<Text> undoneBy) {

    public Step {
        verify = List.copyOf(verify);
        undo = List.copyOf(undo);
        undoneBy = java.util.Objects.requireNonNullElse(undoneBy, Optional.empty());
    }

    public Step(String id, Location location, Section section, Optional<Text> title, ActionCall action,
                Optional<List<Text>> needs, Optional<Text> when, Optional<Retry> retry, Optional<Duration> timeout,
                Optional<OnError> onError, List<ActionCall> verify, List<ActionCall> undo, Optional<Text> confirm,
                boolean readonly, Optional<Boolean> idempotent) {
        this(id, location, section, title, action, needs, when, retry, timeout, onError, verify, undo, confirm,
                readonly, idempotent, Optional.empty());
    }
}
