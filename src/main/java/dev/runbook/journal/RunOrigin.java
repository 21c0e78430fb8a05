package dev.runbook.journal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run was asked for, beyond its scenario: the runbook file (absolute path) and the --only and
 * --from selection. Resume reads it to rebuild the same plan; {@link #UNKNOWN} for runs recorded
 * before the journal kept it.
 */
public record RunOrigin(Optional<String> file, List<String> only, Optional<String> from) {

    public static final RunOrigin UNKNOWN = new RunOrigin(Optional.empty(), List.of(), Optional.empty());

    public RunOrigin {
        file = Objects.requireNonNullElse(file, Optional.empty());
        only = List.copyOf(only);
        from = Objects.requireNonNullElse(from, Optional.empty());
    }
}
