package dev.runbook.model;

import dev.runbook.source.Location;

import java.util.Optional;

import dev.runbook.yaml.Mapping;

/**
 * An action name and its arguments, as written: the step's action, a verify check, an undo.
 * {@code argsReadable} is false when {@code with} was there but not a mapping (already reported),
 * so the arguments are not checked a second time as if they were missing. {@code title}: an undo's
 * own title (a template), when it has one. {@code when}: an undo's condition (an undo whose step
 * changed nothing, e.g. kept nothing aside, has nothing to reverse).
 */
public record ActionCall(String action, Mapping with, Location location, boolean argsReadable, Optional<Text> title,
                         Optional<Text> when) {

    public ActionCall {
        title = java.util.Objects.requireNonNullElse(title, Optional.empty());
        when = java.util.Objects.requireNonNullElse(when, Optional.empty());
    }

    public ActionCall(String action, Mapping with, Location location, boolean argsReadable, Optional<Text> title) {
        this(action, with, location, argsReadable, title, Optional.empty());
    }

    public ActionCall(String action, Mapping with, Location location, boolean argsReadable) {
        this(action, with, location, argsReadable, Optional.empty());
    }

    public ActionCall(String action, Mapping with, Location location) {
        this(action, with, location, true);
    }
}
