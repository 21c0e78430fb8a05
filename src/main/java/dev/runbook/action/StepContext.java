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

    /** A parameter given or defaulted; a step without it is refused (validation makes that rare). */
    public <T> T get(Param<T> param) throws ActionException {
        return args.read(param).orElseThrow(() -> ActionException.refused("'" + param.name() + "' is required"));
    }

    /** An optional parameter without a default: empty when the step does not give it. */
    public <T> Optional<T> find(Param<T> param) throws ActionException {
        return args.read(param);
    }

    /** Whether the step gives this parameter itself (a default does not count). */
    public boolean gives(Param<?> param) {
        return args.gives(param);
    }

    /** The value as the runbook wrote it (after rendering), or its default: for lines people read. */
    public String asWritten(Param<?> param) throws ActionException {
        args.read(param); // a value of the wrong type is refused here too
        return args.asWritten(param);
    }

    /** A path parameter resolved against the working directory. */
    public Path path(Param<Path> param) throws ActionException {
        return workDir.resolve(get(param));
    }

    /** An optional path parameter resolved against the working directory. */
    public Optional<Path> findPath(Param<Path> param) throws ActionException {
        return find(param).map(workDir::resolve);
    }

    public StepContext withTimeout(Optional<Duration> limit) {
        return new StepContext(stepId, args, dryRun, workDir, logFile, limit, cancellation, confirmer, run);
    }
}
