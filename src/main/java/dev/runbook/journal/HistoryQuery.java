package dev.runbook.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * Which runs {@code history} lists: by runbook name, status and start time, and whether dry runs
 * count (they change nothing, so by default they are left out: a run's history is what was done).
 */
public record HistoryQuery(Optional<String> runbook, Optional<RunStatus> status, Optional<Instant> since,
                           boolean dryRuns, int limit) {

    public static HistoryQuery latest(int limit) {
        return new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty(), true, limit);
    }
}
