package dev.runbook.app;

import dev.runbook.action.ActionRegistry;
import dev.runbook.engine.Resumption;
import dev.runbook.engine.RunContext;
import dev.runbook.engine.RunContexts;
import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunResult;
import dev.runbook.engine.UndoPlan;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunLocked;
import dev.runbook.journal.RunOrigin;
import dev.runbook.journal.RunRecord;
import dev.runbook.journal.RunRecorder;
import dev.runbook.journal.RunStart;
import dev.runbook.journal.TargetLock;
import dev.runbook.model.Runbook;
import dev.runbook.plan.Host;
import dev.runbook.plan.ParamResolver;
import dev.runbook.plan.PlanError;
import dev.runbook.template.Masker;
import dev.runbook.validate.CheckedRunbook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An undo decided but not started ({@link Runs#prepareUndo}): the undone run, its runbook as it ran,
 * the parameters again, and the undo plan with what it cannot undo. Holds the journal open until
 * closed; nothing is written before {@link Runs#undo}.
 */
public final class UndoPreparation implements AutoCloseable {

    private final Journal journal;
    private final RunRecord undone;
    private final String file;
    private final Runbook runbook;
    private final Map<String, Object> params;
    private final UndoPlan plan;
    private final boolean refusesPartial;

    private UndoPreparation(Journal journal, RunRecord undone, String file, Runbook runbook,
                            Map<String, Object> params, UndoPlan plan, boolean acceptPartial) {
        this.journal = journal;
        this.undone = undone;
        this.file = file;
        this.runbook = runbook;
        this.params = params;
        this.plan = plan;
        this.refusesPartial = partial() && !acceptPartial;
    }

    static UndoPreparation of(StateFolder state, UndoRequest request, Map<String, String> environment)
            throws Refusal, PlanError {
        String runId = request.runId();
        Journal journal = state.openExisting();
        try {
            RunRecord undone = journal.run(runId).orElseThrow(() -> new Refusal(Refusal.Kind.NO_INPUT,
                    "no run " + runId + " in " + state.journalFile(), "'runbook history' lists the runs"));
            UndoChecks.refuseRun(journal, undone);
            String file = undone.origin().file().orElseThrow(() -> new Refusal(Refusal.Kind.NO_INPUT, "run " + runId
                    + " does not say which runbook file it ran (it was recorded by an older version)",
                    "its undo declarations cannot be found; reverse it by hand"));
            Runbook runbook = runbook(file, undone, request.acceptChangedRunbook());
            UndoChecks.refuseLaterRuns(journal, undone);
            Map<String, String> given = ResumeParams.given(runbook, undone, request.secrets().of(runbook));
            Map<String, Object> params = ParamResolver.resolve(runbook, given, Map.of("env", environment,
                    "host", Host.facts()));
            return new UndoPreparation(journal, undone, file, runbook, params, UndoSource.plan(journal, undone,
                    runbook), request.acceptPartial());
        } catch (Refusal | PlanError | RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    public RunRecord undone() {
        return undone;
    }

    public UndoPlan plan() {
        return plan;
    }

    /** Some completed steps changed something and declare no undo: they would stay as they are. */
    public boolean partial() {
        return !plan.irreversible().isEmpty();
    }

    /** Partial, and not accepted: the real undo refuses, so its preview must end the same way. */
    public boolean refusesPartial() {
        return refusesPartial;
    }

    /**
     * A partial undo that was not accepted refuses before anything is written; a dry run previews it
     * (and its caller ends it as the real undo would).
     */
    public void refuseUnacceptedPartial(boolean dryRun) throws Refusal {
        if (refusesPartial && !dryRun) {
            throw new Refusal(Refusal.Kind.NEEDS_DECISION, "the undo of run " + undone.id() + " would be partial: "
                    + plan.irreversible().size() + " completed step(s) changed something and declare no undo; "
                    + "nothing was changed", "check them, then 'runbook undo " + undone.id() + " --accept-partial' "
                    + "undoes the rest and leaves them as they are");
        }
    }

    Ran execute(Settings settings, Map<String, String> environment) throws Refusal, PlanError, RunLocked {
        refuseUnacceptedPartial(settings.dryRun());
        Masker masker = Execution.masker(runbook, params);
        // The undo changes what the undone run changed: the same lock key.
        String lockKey = journal.lockKey(undone.id());
        String host = Runs.host();
        try (TargetLock target = TargetLock.acquire(TargetLock.directory(environment), lockKey,
                settings.state().journalFile(), host)) {
            RunRecorder recorder = journal.startRun(new RunStart(runbook.name(), runbook.sha256(), params,
                    undone.scenario(), settings.dryRun(), RunInfo.user(), host, Instant.now(),
                    RunOrigin.undoOf(file, undone.id()), lockKey), masker);
            target.holdFor(recorder.runId());
            recorder.lockNotice().ifPresent(settings.err()::println);
            RunContext context = plan.seed(RunContexts.withParams(runbook, params, environment,
                    RunInfo.ofUndo(recorder.runId(), runbook, undone, Instant.now(),
                            settings.state().forensicsFolder(recorder.runId())), journal.vars(undone.id())));
            List<RunListener> marker = settings.dryRun() ? List.of()
                    : List.of(new UndoMarker(recorder, plan, undone.id(), List.of()));
            boolean dryRun = settings.dryRun();
            RunResult result = new Execution(settings, r -> settings.undoExitCodes().of(r, dryRun, refusesPartial))
                    .execute(plan.runbook(), plan.graph(), plan.steps(), context, masker, recorder, Resumption.NONE,
                            marker);
            return new Ran(recorder.runId(), result, settings.undoExitCodes().of(result, dryRun, refusesPartial),
                    Optional.empty());
        }
    }

    /** The runbook the run ran, unless it changed since (then only when accepted). */
    private static Runbook runbook(String file, RunRecord undone, boolean acceptChanged) throws Refusal {
        CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(file), ActionRegistry.builtIn());
        if (!checked.ok()) {
            throw new Refusal(Refusal.Kind.INVALID, file + " is no longer a valid runbook", "fix it, then undo",
                    file, checked.problems());
        }
        Runbook runbook = checked.runbook().orElseThrow();
        if (!runbook.sha256().equals(undone.runbookSha256()) && !acceptChanged) {
            throw new Refusal(Refusal.Kind.NEEDS_DECISION, file + " changed since run " + undone.id() + " (sha256 "
                    + undone.runbookSha256().substring(0, 12) + " then, " + runbook.sha256().substring(0, 12)
                    + " now): its undo declarations may not be the ones that run had",
                    "put it back, or undo with --accept-changed-runbook to use the undos as written now");
        }
        return runbook;
    }

    @Override
    public void close() {
        journal.close();
    }
}
