package dev.runbook.fleet;

import java.time.Instant;
import java.util.Optional;

/** A fleet run as the fleet journal keeps it. */
public record FleetRunRecord(String id, String runbook, String file, String inventory, boolean dryRun, String serial,
                             String maxFail, boolean rollback, String status, Optional<Integer> exitCode,
                             Instant startedAt, Optional<Instant> endedAt) {
}
