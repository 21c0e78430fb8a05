package dev.runbook.app;

import dev.runbook.action.ActionRegistry;
import dev.runbook.engine.Resumption;
import dev.runbook.engine.RunContext;
import dev.runbook.engine.RunContexts;
import dev.runbook.engine.RunResult;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunLocked;
import dev.runbook.journal.RunOrigin;
import dev.runbook.journal.RunRecorder;
import dev.runbook.journal.RunStart;
import dev.runbook.journal.TargetLock;
import dev.runbook.model.Runbook;
import dev.runbook.plan.Host;
import dev.runbook.plan.LockKey;
import dev.runbook.plan.ParamResolver;
import dev.runbook.plan.Plan;
import dev.runbook.plan.PlanError;
import dev.runbook.plan.PlannedStep;
import dev.runbook.plan.Planner;
import dev.runbook.template.Masker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The application service: one entry per verb (run, resume, undo; saved plans and fleet runs come
 * here too), each assembling planner, parameter resolver, journal, target lock, listeners and run
 * context around one engine run. Callers parse their arguments, call one entry, and print what it
 * returns; a refusal comes back as a {@link Refusal} with its kind, before anything is changed.
 */
public final class Runs {

    private final Settings settings;
    private final Map<String, String> environment;

    public Runs(Settings settings) {
        this(settings, System.getenv());
    }

    Runs(Settings settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /** A new run of a valid runbook: planned, journaled, locked on its target, executed. */
    public Ran run(RunRequest request) throws PlanError, RunLocked {
        try {
            return run(request, Guarding.NONE);
        } catch (Refusal e) {
            throw new IllegalStateException("a run without a saved plan has nothing to refuse", e);
        }
    }

    /** A run with what a saved plan adds (recorded in a dry run, checked in an apply). */
    Ran run(RunRequest request, Guarding guarding) throws PlanError, RunLocked, Refusal {
        Runbook runbook = request.checked().runbook().orElseThrow(() -> new IllegalArgumentException(
                "run needs a valid runbook; " + request.file() + " has problems"));
        Plan plan = new Planner(runbook, request.checked().graph().orElseThrow(), ActionRegistry.builtIn())
                .plan(request.plan(), environment);
        Map<String, Object> params = ParamResolver.resolve(runbook, request.given().values(),
                request.given().origins(), Map.of("env", environment, "host", Host.facts()));
        if (!settings.json()) {
            request.given().warnings().forEach(settings.err()::println);
        }
        guarding.beforeLock(params);
        Masker masker = Execution.masker(runbook, params);
        String lockKey = LockKey.of(runbook, params, Path.of(""));
        String host = host();
        request.stateNote().ifPresent(settings.err()::println);
        StateFolder state = settings.state();
        try (TargetLock target = TargetLock.acquire(TargetLock.directory(environment), lockKey, state.journalFile(),
                host); Journal journal = Journal.open(state.journalFile())) {
            guarding.underLock(journal);
            RunRecorder recorder = journal.startRun(new RunStart(runbook.name(), runbook.sha256(), params,
                    plan.scenario().map(s -> s.name()), settings.dryRun(), RunInfo.user(), host, Instant.now(),
                    new RunOrigin(Optional.of(Path.of(request.file()).toAbsolutePath().normalize().toString()),
                            request.plan().only(), request.plan().from()), lockKey), masker);
            recorder.lockNotice().ifPresent(settings.err()::println);
            String runId = recorder.runId();
            guarding.started(recorder);
            target.holdFor(runId);
            RunContext context = RunContexts.withParams(runbook, params, environment, RunInfo.of(runId, runbook,
                    plan.scenario().map(s -> s.name()), Instant.now(), state.forensicsFolder(runId)));
            recorder.varsRendered(context.vars());
            Approval approval = Approval.of(plan);
            boolean asks = !settings.dryRun() && !approval.items().isEmpty();
            if (asks && !settings.yes()) {
                // A person approves what the real state shows: the run is dry-run first (none with --yes,
                // given before any preview could be read; a second pass over a large backup costs a dry run).
                // Its own context: a run records its steps' outputs in the one it is given.
                RunContext previewContext = RunContexts.withParams(runbook, params, environment, RunInfo.of(runId,
                        runbook, plan.scenario().map(s -> s.name()), Instant.now(), state.forensicsFolder(runId)));
                approval = approval.previewed(ApprovalPreview.of(settings, runbook, request.checked().graph()
                        .orElseThrow(), plan.steps().stream().map(PlannedStep::step).toList(), previewContext,
                        masker.secrets(), runId));
            }
            if (asks && !approval.ask(settings, masker, recorder::flush)) {
                return notConfirmed(recorder, runId, plan, masker);
            }
            RunResult result = new Execution(settings, r -> r.status().exitCode(), asks)
                    .guardedBy(guarding.guard()).execute(runbook,
                    request.checked().graph().orElseThrow(), plan.steps().stream().map(PlannedStep::step).toList(),
                    context, masker, recorder, Resumption.NONE);
            return new Ran(runId, result, result.status().exitCode(), Optional.of(plan), masker);
        }
    }

    /**
     * The rest of a run that failed, was interrupted or whose process died (an undo run goes on with
     * its undo plan); empty when the run already succeeded.
     */
    public Optional<Ran> resume(ResumeRequest request) throws Refusal, PlanError, RunLocked {
        return new Resume(settings, environment, request).call();
    }

    /**
     * Everything an undo decides before it changes anything: the run may be undone, the runbook is
     * the one it ran, the plan (and what it cannot undo). The caller shows it, asks, then calls
     * {@link #undo}; closing the preparation without undoing changes nothing.
     */
    public UndoPreparation prepareUndo(UndoRequest request) throws Refusal, PlanError {
        return UndoPreparation.of(settings.state(), request, environment);
    }

    /**
     * The undo prepared, as a run of its own: journaled, locked on the undone run's target, resumable.
     * A partial undo not accepted is refused here too, whoever calls.
     */
    public Ran undo(UndoPreparation prepared) throws Refusal, PlanError, RunLocked {
        return prepared.execute(settings, environment);
    }

    /** Declined before the first step: the run's journal row says so, and nothing else was written or changed. */
    private Ran notConfirmed(RunRecorder recorder, String runId, Plan plan, Masker masker) {
        recorder.finish(dev.runbook.journal.RunStatus.NOT_CONFIRMED, Instant.now());
        RunResult result = new RunResult(dev.runbook.engine.RunStatus.NOT_CONFIRMED, java.util.List.of(),
                Optional.empty());
        if (settings.json()) {
            settings.out().println(dev.runbook.json.PlainJson.write(Map.of("event", "run_finished", "time",
                    Instant.now().toString(), "run", runId, "status", result.status().word(), "exit_code",
                    result.status().exitCode())));
            settings.out().flush();
        } else {
            settings.err().println("not confirmed: no step ran, nothing was changed (exit "
                    + result.status().exitCode() + ")");
        }
        return new Ran(runId, result, result.status().exitCode(), Optional.of(plan), masker);
    }

    static String host() {
        return String.valueOf(Host.facts().get("name"));
    }
}
