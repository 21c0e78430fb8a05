package dev.runbook.journal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run was asked for, beyond its scenario: the runbook file (absolute path) and the --only and
 * --from selection, or, for {@code runbook undo}, the run it undoes ({@code undoes}: its steps are
 * the undos of that run's completed steps). Resume reads it to rebuild the same plan; {@link
 * #UNKNOWN} for runs recorded before the journal kept it.
 */
public record RunOrigin(Optional<String> file, List<String> only, Optional<String> from, Optional<String> undoes) {

    public static final RunOrigin UNKNOWN = new RunOrigin(Optional.empty(), List.of(), Optional.empty());

    public RunOrigin {
        file = Objects.requireNonNullElse(file, Optional.empty());
        only = List.copyOf(only);
        from = Objects.requireNonNullElse(from, Optional.empty());
        undoes = Objects.requireNonNullElse(undoes, Optional.empty());
    }

    public RunOrigin(Optional<String> file, List<String> only, Optional<String> from) {
        this(file, only, from, Optional.empty());
    }

    /** The origin of an undo of run {@code undone}, from the runbook file at {@code file}. */
    public static RunOrigin undoOf(String file, String undone) {
        return new RunOrigin(Optional.of(file), List.of(), Optional.empty(), Optional.of(undone));
    }
}
