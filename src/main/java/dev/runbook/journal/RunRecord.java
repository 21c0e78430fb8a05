package dev.runbook.journal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One run as the journal has it. {@code params} are as written: secrets already {@code ***}.
 * {@code pid} and {@code host} are of the process that last ran it (a resume updates them), so
 * {@code history} can tell a run that is {@code running} from one whose process is gone.
 * {@code endedAt} is empty while running, and for a crashed run found by a later one (when it
 * died is not known).
 */
public record RunRecord(String id, String runbook, String runbookSha256, Map<String, Object> params,
                        Optional<String> scenario, boolean dryRun, String user, String host, long pid,
                        Instant startedAt, Optional<Instant> endedAt, RunStatus status, RunOrigin origin) {

    public RunRecord(String id, String runbook, String runbookSha256, Map<String, Object> params,
                     Optional<String> scenario, boolean dryRun, String user, String host, long pid,
                     Instant startedAt, Optional<Instant> endedAt, RunStatus status) {
        this(id, runbook, runbookSha256, params, scenario, dryRun, user, host, pid, startedAt, endedAt, status,
                RunOrigin.UNKNOWN);
    }
}
