package dev.runbook.action;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything an action may use while it runs: its arguments (templates already rendered), the
 * step's identity, where to log, how long it may take, and whether the run was cancelled.
 */
public record StepContext(String stepId, Arguments args, boolean dryRun, Path workDir, Path logFile,
                          Optional<Duration> timeout, Cancellation cancellation,
                          java.util.function.Predicate<String> confirmer, RunScope run) {

    /** The step's name for files and folders: its id, with no ':' (an undo action's; see StepFiles). */
    public String stepFileName() {
        return dev.runbook.model.StepFiles.name(stepId);
    }

    public StepContext withTimeout(Optional<Duration> limit) {
        return new StepContext(stepId, args, dryRun, workDir, logFile, limit, cancellation, confirmer, run);
    }
}
