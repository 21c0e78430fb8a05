package dev.runbook.fleet;

import java.util.List;

/**
 * How a fleet run ended: its status word, exit code, and every host's record. Statuses and codes:
 * {@code succeeded} 0; {@code failed} 1 (hosts failed within the budget, or the budget was spent
 * with fleet rollback off); {@code rolled back} 4 (budget spent, every finished host undone);
 * {@code rollback failed} 8 (a finished host's undo failed: it stays changed);
 * {@code would refuse} 7 (a dry run in which a host would refuse or fail); {@code unreachable} 12
 * (the only failures are hosts that could not be reached and nothing was undone; nothing ran there).
 */
public record FleetResult(String id, String status, int exitCode, List<HostRecord> hosts, String summary) {

    public FleetResult {
        hosts = List.copyOf(hosts);
    }
}
