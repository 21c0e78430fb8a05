package dev.runbook.cli;

import dev.runbook.engine.RunResult;
import dev.runbook.engine.RunStatus;
import java.util.Optional;

/** After a failed or interrupted run (not rolled back): how to go on once the cause is fixed. */
final class ResumeHint {

    private ResumeHint() {
    }

    static Optional<String> of(RunResult result, String runId) {
        RunStatus status = result.status();
        if (status == RunStatus.SUCCEEDED || status == RunStatus.ROLLED_BACK || status == RunStatus.NOT_CONFIRMED) {
            return Optional.empty();
        }
        return Optional.of("  hint: fix the cause, then 'runbook resume " + runId + "' goes on"
                + result.failedStep().map(s -> " from '" + s + "'").orElse("") + "; steps that completed are not run "
                + "again");
    }
}
