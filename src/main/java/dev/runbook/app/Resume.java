package dev.runbook.app;

import dev.runbook.action.ActionRegistry;
import dev.runbook.engine.RunContext;
import dev.runbook.engine.RunContexts;
import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunResult;
import dev.runbook.engine.UndoPlan;
import dev.runbook.journal.Journal;
import dev.runbook.journal.LockHolder;
import dev.runbook.journal.RunLocked;
import dev.runbook.journal.RunRecord;
import dev.runbook.journal.RunRecorder;
import dev.runbook.journal.RunStatus;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.journal.TargetLock;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.plan.Host;
import dev.runbook.plan.ParamResolver;
import dev.runbook.plan.PlanError;
import dev.runbook.plan.PlanRequest;
import dev.runbook.plan.PlannedStep;
import dev.runbook.plan.Planner;
import dev.runbook.plan.StepGraph;
import dev.runbook.template.Masker;
import dev.runbook.validate.CheckedRunbook;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One resume (through {@link Runs#resume}): the run must be resumable and its runbook unchanged (or
 * forced); the target is locked before anything is decided; what a dead run left running, and steps
 * cut off mid-way that are not idempotent, are refused or handled first; then the rest runs.
 */
final class Resume {

    private final Settings settings;
    private final Map<String, String> environment;
    private final ResumeRequest request;
    private final String runId;
    private final PrintWriter err;

    Resume(Settings settings, Map<String, String> environment, ResumeRequest request) {
        this.settings = settings;
        this.environment = environment;
        this.request = request;
        this.runId = request.runId();
        this.err = settings.err();
    }

    Optional<Ran> call() throws Refusal, PlanError, RunLocked {
        String host = Runs.host();
        try (Journal journal = settings.state().openExisting()) {
            RunRecord run = journal.run(runId).orElseThrow(() -> new Refusal(Refusal.Kind.NO_INPUT,
                    "no run " + runId + " in " + settings.state().journalFile(), "'runbook history' lists the runs"));
            if (alreadySucceeded(run)) {
                return Optional.empty();
            }
            // Locked before anything else is decided: a run still alive is "locked" (exit 5), not a run
            // whose steps were cut off, and nothing else may start on its target while this one decides.
            String lockKey = journal.lockKey(runId);
            try (TargetLock target = TargetLock.acquire(TargetLock.directory(environment), lockKey,
                    settings.state().journalFile(), host)) {
                refuseLive(journal, lockKey, host);
                target.holdFor(runId);
                return Optional.of(resume(journal, run, host));
            }
        }
    }

    private Ran resume(Journal journal, RunRecord run, String host) throws Refusal, PlanError, RunLocked {
        CheckedRunbook checked = checkedRunbook(run);
        Runbook runbook = checked.runbook().orElseThrow();
        Map<String, String> given = ResumeParams.given(runbook, run, request.secrets().of(runbook));
        Map<String, Object> params = ParamResolver.resolve(runbook, given, Map.of("env", environment,
                "host", Host.facts()));
        // An undo run goes on with the same undo plan, rebuilt from the run it undoes.
        Optional<RunRecord> undone = run.origin().undoes().map(id -> journal.run(id).orElseThrow(() ->
                new IllegalStateException("run " + runId + " undoes run " + id + ", which the journal lacks")));
        Optional<UndoPlan> undo = undone.map(u -> UndoSource.plan(journal, u, runbook));
        Runbook toRun = undo.map(UndoPlan::runbook).orElse(runbook);
        StepGraph graph = undo.map(UndoPlan::graph).orElseGet(() -> checked.graph().orElseThrow());
        Optional<dev.runbook.plan.Plan> plan = undo.isPresent() ? Optional.empty() : Optional.of(new Planner(runbook,
                graph, ActionRegistry.builtIn()).plan(new PlanRequest(run.scenario(), run.origin().only(),
                run.origin().from(), given), environment));
        List<Step> steps = undo.isPresent() ? undo.get().steps()
                : plan.orElseThrow().steps().stream().map(PlannedStep::step).toList();
        ResumePoint point = ResumePoint.of(toRun, journal.steps(runId), journal.latestSteps(runId),
                ActionRegistry.builtIn(), request.retryInterrupted());
        // One approval for the steps still to run, before anything changes (survivors stopped included);
        // declined, the run stays exactly as it was. An undo's resume was approved when the undo began.
        Optional<Approval> approval = plan.map(p -> Approval.of(p).without(point.resumption().completed().stream()
                .map(dev.runbook.engine.StepResult::stepId).collect(java.util.stream.Collectors.toSet())));
        boolean asks = approval.filter(a -> !a.items().isEmpty()).isPresent();
        if (asks && !settings.yes()) {
            // The rest of the run previewed from the state the dead run left, as a new run's approval is,
            // in a context of its own (a run records its steps' outputs in the one it is given).
            RunContext previewContext = RunContexts.withParams(runbook, params, environment, RunInfo.of(runId,
                    runbook, run.scenario(), run.startedAt(), settings.state().forensicsFolder(runId)));
            approval = Optional.of(approval.get().previewed(ApprovalPreview.of(settings, runbook, graph, steps,
                    previewContext, Execution.masker(runbook, params).secrets(), runId, point.resumption())));
        }
        if (asks && !approval.get().ask(settings, Execution.masker(runbook, params), () -> { })) {
            return notResumed(run);
        }
        // What the dead run left running comes first: its step cannot be judged while it still runs.
        ResumeSurvivors.handle(journal, run, host, request.stopSurvivors(), stepId -> Stream.of(
                toRun.steps(), toRun.onFailure(), toRun.finallySteps()).flatMap(List::stream)
                .anyMatch(step -> step.id().equals(stepId) && ResumePoint.changesNothing(step,
                        ActionRegistry.builtIn())), err);
        refuseUnsafe(point);
        Masker masker = Execution.masker(runbook, params);
        Instant resumedAt = Instant.now();
        RunRecorder recorder = journal.continueRun(runId, masker, host, resumedAt);
        recorder.lockNotice().ifPresent(err::println);
        for (StepRecord cutOff : point.leftRunning()) {
            recorder.stepMarked(cutOff.stepId(), cutOff.attempt(), StepStatus.INTERRUPTED,
                    "the process running this attempt died; run again by resume", Instant.now());
        }
        if (!settings.json()) {
            int done = point.resumption().completed().size();
            err.println("resuming run " + runId + ": " + done
                    + (done == 1 ? " step done before is" : " steps done before are") + " not run again");
        }
        Path forensics = settings.state().forensicsFolder(runId);
        RunContext context = RunContexts.withParams(runbook, params, environment, undone.isPresent()
                ? RunInfo.ofUndo(runId, runbook, undone.get(), run.startedAt(), forensics)
                : RunInfo.of(runId, runbook, run.scenario(), run.startedAt(), forensics),
                undone.map(u -> journal.vars(u.id())).orElse(Map.of()));
        undo.ifPresent(u -> u.seed(context));
        List<RunListener> marker = undo.<List<RunListener>>map(u -> List.of(new UndoMarker(recorder, u,
                undone.get().id(), point.resumption().completed()))).orElse(List.of());
        ToIntFunction<RunResult> exit = r -> undo.isPresent()
                ? settings.undoExitCodes().of(r, false, false) : r.status().exitCode();
        RunResult result = new Execution(settings, exit, asks).execute(toRun, graph, steps, context, masker,
                recorder, point.resumption(), marker);
        Superseded.mark(journal, runId, toRun, resumedAt, result, err);
        return new Ran(runId, result, exit.applyAsInt(result), Optional.empty());
    }

    /** Declined up front: nothing was run, stopped or written; the run stays resumable as it was. */
    private Ran notResumed(RunRecord run) {
        RunResult result = new RunResult(dev.runbook.engine.RunStatus.NOT_CONFIRMED, List.of(), Optional.empty());
        if (!settings.json()) {
            err.println("not confirmed: run " + run.id() + " was not resumed; nothing was changed (exit "
                    + result.status().exitCode() + ")");
        }
        return new Ran(run.id(), result, result.status().exitCode(), Optional.empty());
    }

    /** A holder in the journal that may be alive (another host, or a version without the lock file) is waited for. */
    private static void refuseLive(Journal journal, String lockKey, String host) throws RunLocked {
        Optional<LockHolder> holder = journal.lockHolder(lockKey);
        if (holder.isPresent() && holder.get().process().goneFrom(host).isEmpty()) {
            throw new RunLocked(holder.get());
        }
    }

    /** True when there is nothing to do; refuses when the run cannot be resumed. */
    private boolean alreadySucceeded(RunRecord run) throws Refusal {
        if (run.dryRun()) {
            throw new Refusal(Refusal.Kind.INVALID, "run " + runId + " was a dry run: it changed nothing, so there "
                    + "is nothing to resume", "start it again with 'runbook run'");
        }
        if (run.status() == RunStatus.ROLLED_BACK) {
            throw new Refusal(Refusal.Kind.INVALID, "run " + runId + " was rolled back: the steps it completed were "
                    + "undone", "start a new run with 'runbook run'");
        }
        return run.status() == RunStatus.SUCCEEDED;
    }

    /** The runbook the run ran, as long as it is the same file (or --force). */
    private CheckedRunbook checkedRunbook(RunRecord run) throws Refusal {
        String file = run.origin().file().orElseThrow(() -> new Refusal(Refusal.Kind.NO_INPUT, "run " + runId
                + " does not say which runbook file it ran (it was recorded by an older version)",
                "start a new run with 'runbook run'"));
        CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(file), ActionRegistry.builtIn());
        if (!checked.ok()) {
            throw new Refusal(Refusal.Kind.INVALID, file + " is no longer a valid runbook", "fix it, then resume",
                    file, checked.problems());
        }
        Runbook runbook = checked.runbook().orElseThrow();
        if (!runbook.sha256().equals(run.runbookSha256()) && !request.force()) {
            throw new Refusal(Refusal.Kind.INVALID, file + " changed since run " + runId + " started (sha256 "
                    + run.runbookSha256().substring(0, 12) + " then, " + runbook.sha256().substring(0, 12) + " now)",
                    "put it back, or resume with --force to run the changed runbook's remaining steps");
        }
        return checked;
    }

    private void refuseUnsafe(ResumePoint point) throws Refusal {
        if (point.unsafeToRerun().isEmpty()) {
            return;
        }
        Step first = point.unsafeToRerun().get(0);
        String others = point.unsafeToRerun().stream().skip(1).map(Step::id).collect(Collectors.joining(", "));
        throw new Refusal(Refusal.Kind.NEEDS_DECISION, "step '" + first.id() + "' (" + first.action().action()
                + ") was cut off mid-way in run " + runId + " and is not idempotent: what it changed is unknown"
                + (others.isEmpty() ? "" : " (also: " + others + ")"),
                "check its log (" + settings.state().runDirectory(runId).resolve("logs")
                        .resolve(dev.runbook.model.StepFiles.name(first.id()) + ".log")
                        + ") and its target, then 'runbook resume " + runId + " --retry-interrupted' runs it again");
    }
}
