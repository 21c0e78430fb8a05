package dev.runbook.cli;

import dev.runbook.action.ActionRegistry;
import dev.runbook.engine.RunContext;
import dev.runbook.engine.RunContexts;
import dev.runbook.engine.RunResult;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunLocked;
import dev.runbook.journal.RunRecord;
import dev.runbook.journal.RunRecorder;
import dev.runbook.journal.RunStatus;
import dev.runbook.journal.TargetLock;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.plan.Host;
import dev.runbook.plan.ParamResolver;
import dev.runbook.plan.Plan;
import dev.runbook.plan.PlanError;
import dev.runbook.plan.PlanRequest;
import dev.runbook.plan.PlannedStep;
import dev.runbook.report.SupersededReports;
import dev.runbook.plan.Planner;
import dev.runbook.template.Masker;
import dev.runbook.validate.CheckedRunbook;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook resume RUN_ID}: the rest of a run that failed, was interrupted or whose process died. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Go on with a run that failed, was "
        + "interrupted or whose process died: steps that completed are not run again.")
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run, as 'runbook history' lists it.")
    String runId;

    @Option(names = "--force", description = "Resume although the runbook file changed since the run.")
    boolean force;

    @Option(names = "--retry-interrupted", description = "Run again a step that was cut off mid-way although it "
            + "is not idempotent (check what it changed first).")
    boolean retryInterrupted;

    @Option(names = "--stop-survivors", description = "End the commands a dead run left running (TERM, then KILL "
            + "after 5 s) before resuming; without it, resume refuses while any runs.")
    boolean stopSurvivors;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A secret parameter's value again "
            + "(the journal keeps secrets as ***).")
    Map<String, String> secrets = new LinkedHashMap<>();

    @Mixin
    SecretOptions secretSources;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    StateOption state;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError {
        RunExecution.Settings settings = execution.settings(false, state, spec);
        String host = String.valueOf(Host.facts().get("name"));
        try (Journal journal = state.openExisting()) {
            RunRecord run = journal.run(runId).orElseThrow(() -> new CliError(ExitCodes.NO_INPUT,
                    "no run " + runId + " in " + state.journalFile(), "'runbook history' lists the runs"));
            if (resumable(run)) {
                return ExitCodes.OK;
            }
            // Locked before anything else is decided: a run still alive is "locked" (exit 5), not a run
            // whose steps were cut off, and nothing else may start on its target while this one decides.
            String lockKey = journal.lockKey(runId);
            try (TargetLock target = TargetLock.acquire(TargetLock.directory(System.getenv()), lockKey,
                    state.journalFile(), host)) {
                refuseLive(journal, lockKey, host);
                target.holdFor(runId);
                return resume(journal, run, settings, host);
            }
        } catch (RunLocked e) {
            throw new CliError(ExitCodes.LOCKED, e.getMessage(), "wait for it to end; a run whose process died "
                    + "is taken over automatically");
        }
    }

    private Integer resume(Journal journal, RunRecord run, RunExecution.Settings settings, String host)
            throws CliError, RunLocked {
        boolean json = settings.json();
        try {
            CheckedRunbook checked = checkedRunbook(run);
            Runbook runbook = checked.runbook().orElseThrow();
            Map<String, String> given = ResumeParams.given(runbook, run, secretSources.addTo(
                    new GivenParams(secrets, Map.of(), java.util.List.of()), runbook, System.getenv()).values());
            Map<String, Object> params = ParamResolver.resolve(runbook, given, Map.of("env", System.getenv(),
                    "host", Host.facts()));
            Plan plan = new Planner(runbook, checked.graph().orElseThrow(), ActionRegistry.builtIn())
                    .plan(new PlanRequest(run.scenario(), run.origin().only(), run.origin().from(), given),
                            System.getenv());
            ResumePoint point = ResumePoint.of(runbook, journal.steps(runId), journal.latestSteps(runId),
                    ActionRegistry.builtIn(), retryInterrupted);
            // What the dead run left running comes first: its step cannot be judged while it still runs.
            ResumeSurvivors.handle(journal, run, host, stopSurvivors, stepId -> java.util.stream.Stream.of(
                    runbook.steps(), runbook.onFailure(), runbook.finallySteps()).flatMap(java.util.List::stream)
                    .anyMatch(step -> step.id().equals(stepId) && ResumePoint.changesNothing(step,
                            ActionRegistry.builtIn())), spec.commandLine().getErr());
            refuseUnsafe(point);
            Masker masker = RunExecution.masker(runbook, params);
            Instant resumedAt = Instant.now();
            RunRecorder recorder = journal.continueRun(runId, masker, host, resumedAt);
            recorder.lockNotice().ifPresent(spec.commandLine().getErr()::println);
            for (StepRecord cutOff : point.leftRunning()) {
                recorder.stepMarked(cutOff.stepId(), cutOff.attempt(), StepStatus.INTERRUPTED,
                        "the process running this attempt died; run again by resume", Instant.now());
            }
            if (!json) {
                int done = point.resumption().completed().size();
                spec.commandLine().getErr().println("resuming run " + runId + ": " + done
                        + (done == 1 ? " step done before is" : " steps done before are") + " not run again");
            }
            RunContext context = RunContexts.withParams(runbook, params, System.getenv(), RunCommand.runInfo(runId,
                    runbook, run.scenario(), run.startedAt(), RunExecution.forensicsFolder(state, runId)));
            RunResult result = new RunExecution(settings).execute(runbook,
                    checked.graph().orElseThrow(), plan.steps().stream().map(PlannedStep::step).toList(), context,
                    masker, recorder, point.resumption());
            markSuperseded(journal, runbook, resumedAt, result);
            if (!json) {
                RunExecution.resumeHint(result, runId).ifPresent(spec.commandLine().getErr()::println);
            }
            return result.status().exitCode();
        } catch (PlanError e) {
            throw CliError.invalid(e);
        }
    }

    /** A holder in the journal that may be alive (another host, or a version without the lock file) is waited for. */
    private static void refuseLive(Journal journal, String lockKey, String host) throws RunLocked {
        java.util.Optional<dev.runbook.journal.LockHolder> holder = journal.lockHolder(lockKey);
        if (holder.isPresent() && holder.get().process().goneFrom(host).isEmpty()) {
            throw new RunLocked(holder.get());
        }
    }

    /**
     * A report an earlier invocation wrote (FAILURE_REPORT.md) that this one did not write again and
     * that describes the run otherwise than it ended now gets a note saying so. A report that cannot
     * be noted is a warning: the run's outcome stands.
     */
    private void markSuperseded(Journal journal, Runbook runbook, Instant resumedAt, RunResult result) {
        java.util.Set<String> reportSteps = java.util.stream.Stream.of(runbook.steps(), runbook.onFailure(),
                runbook.finallySteps()).flatMap(java.util.List::stream)
                .filter(s -> s.action().action().equals("report.render")).map(Step::id)
                .collect(Collectors.toSet());
        if (reportSteps.isEmpty()) {
            return;
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        try {
            for (SupersededReports.Marked marked : SupersededReports.mark(journal, runId, reportSteps, resumedAt,
                    RunExecution.journalStatus(result.status()).word(), Instant.now())) {
                err.println("marked " + marked.file() + " superseded: it describes the run before this resume "
                        + "(its text before the note is kept as " + marked.keptAs().getFileName() + ")");
            }
        } catch (java.io.IOException | RuntimeException e) {
            err.println("runbook: warning: an earlier report could not be marked superseded: " + e.getMessage());
        }
    }

    /** True when there is nothing to do (said so); throws when the run cannot be resumed. */
    private boolean resumable(RunRecord run) throws CliError {
        if (run.dryRun()) {
            throw new CliError(ExitCodes.INVALID, "run " + runId + " was a dry run: it changed nothing, so there "
                    + "is nothing to resume", "start it again with 'runbook run'");
        }
        if (run.status() == RunStatus.ROLLED_BACK) {
            throw new CliError(ExitCodes.INVALID, "run " + runId + " was rolled back: the steps it completed were "
                    + "undone", "start a new run with 'runbook run'");
        }
        if (run.status() == RunStatus.SUCCEEDED) {
            spec.commandLine().getErr().println("run " + runId + " already succeeded; nothing to resume");
            return true;
        }
        return false;
    }

    /** The runbook the run ran, as long as it is the same file (or --force). */
    private CheckedRunbook checkedRunbook(RunRecord run) throws CliError {
        String file = run.origin().file().orElseThrow(() -> new CliError(ExitCodes.NO_INPUT, "run " + runId
                + " does not say which runbook file it ran (it was recorded by an older version)",
                "start a new run with 'runbook run'"));
        CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(file), ActionRegistry.builtIn());
        if (!checked.ok()) {
            ProblemPrinter.print(spec.commandLine().getErr(), file, checked.problems());
            throw new CliError(ExitCodes.INVALID, file + " is no longer a valid runbook", "fix it, then resume");
        }
        Runbook runbook = checked.runbook().orElseThrow();
        if (!runbook.sha256().equals(run.runbookSha256()) && !force) {
            throw new CliError(ExitCodes.INVALID, file + " changed since run " + runId + " started (sha256 "
                    + run.runbookSha256().substring(0, 12) + " then, " + runbook.sha256().substring(0, 12) + " now)",
                    "put it back, or resume with --force to run the changed runbook's remaining steps");
        }
        return checked;
    }

    private void refuseUnsafe(ResumePoint point) throws CliError {
        if (point.unsafeToRerun().isEmpty()) {
            return;
        }
        Step first = point.unsafeToRerun().get(0);
        String others = point.unsafeToRerun().stream().skip(1).map(Step::id).collect(Collectors.joining(", "));
        throw new CliError(ExitCodes.NEEDS_DECISION, "step '" + first.id() + "' (" + first.action().action()
                + ") was cut off mid-way in run " + runId + " and is not idempotent: what it changed is unknown"
                + (others.isEmpty() ? "" : " (also: " + others + ")"),
                "check its log (" + state.runDirectory(runId).resolve("logs")
                        .resolve(dev.runbook.model.StepFiles.name(first.id()) + ".log")
                        + ") and its target, then 'runbook resume " + runId + " --retry-interrupted' runs it again");
    }
}
