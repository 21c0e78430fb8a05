package dev.runbook.fleet;

import java.time.Instant;
import java.util.Optional;

/** One host's row of a fleet run in the fleet journal. */
public record HostRecord(String host, int wave, HostStatus status, Optional<String> remoteRun,
                         Optional<Integer> exitCode, Optional<String> failedStep, Optional<Instant> startedAt,
                         Optional<Instant> endedAt, Optional<String> undoRun, Optional<String> error, int changes) {
}
