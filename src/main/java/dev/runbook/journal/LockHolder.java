package dev.runbook.journal;

import java.time.Instant;

/** The run holding a runbook's lock: which run, which process, since when. */
public record LockHolder(String runbook, String runId, ProcessIdentity process, Instant since) {

    /** {@code run 20261122-034512-7f3a (pid 4242 on host db1, since 2026-11-22T03:45:12Z)} */
    public String describe() {
        return "run " + runId + " (pid " + process.pid() + " on host " + process.host() + ", since "
                + Times.shown(since) + ")";
    }
}
