package dev.runbook.model;

import dev.runbook.yaml.Mapping;

/**
 * An action name and its arguments, as written: the step's action, a verify check, an undo.
 * {@code argsReadable} is false when {@code with} was there but not a mapping (already reported),
 * so the arguments are not checked a second time as if they were missing. {@code when}: an undo's
 * condition (an undo whose step changed nothing, e.g. kept nothing aside, has nothing to reverse).
 */
public record ActionCall(String action, Mapping with, Location location, boolean argsReadable,
                         java.util.Optional<Text> when) {

    public ActionCall {
        when = java.util.Objects.requireNonNullElse(when, java.util.Optional.empty());
    }

    public ActionCall(String action, Mapping with, Location location, boolean argsReadable) {
        this(action, with, location, argsReadable, java.util.Optional.empty());
    }

    public ActionCall(String action, Mapping with, Location location) {
        this(action, with, location, true);
    }
}
