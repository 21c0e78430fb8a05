package dev.runbook.cli;

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
import dev.runbook.model.Runbook;
import dev.runbook.plan.Host;
import dev.runbook.plan.ParamResolver;
import dev.runbook.plan.PlanError;
import dev.runbook.template.Masker;
import dev.runbook.validate.CheckedRunbook;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbook undo RUN_ID}: the undo of every step a finished run completed, last first, as a run
 * of its own (journaled, locked, resumable, reported) that names the run it undoes. Every refusal
 * comes before anything is written; the plan, and what it cannot undo, is shown first.
 */
@Command(name = "undo", mixinStandardHelpOptions = true, description = "Reverse a finished run: the undo of every "
        + "step it completed, last completed first, as a new run. Preview it with --dry-run.")
final class UndoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run to undo, as 'runbook history' lists it.")
    String runId;

    @Option(names = "--dry-run", description = "Change nothing: preview every undo action; ends 7 if the undo "
            + "would refuse or fail.")
    boolean dryRun;

    @Option(names = "--accept-partial", description = "Undo although some completed steps changed something and "
            + "declare no undo (they are listed, and stay as they are).")
    boolean acceptPartial;

    @Option(names = "--accept-changed-runbook", description = "Undo with the runbook file as it is now although it "
            + "changed since the run.")
    boolean acceptChangedRunbook;

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
        RunExecution.Settings settings = execution.settings(dryRun, state, spec);
        PrintWriter err = spec.commandLine().getErr();
        try (Journal journal = state.openExisting()) {
            RunRecord undone = journal.run(runId).orElseThrow(() -> new CliError(ExitCodes.NO_INPUT,
                    "no run " + runId + " in " + state.journalFile(), "'runbook history' lists the runs"));
            UndoChecks.refuseRun(journal, undone);
            String file = undone.origin().file().orElseThrow(() -> new CliError(ExitCodes.NO_INPUT, "run " + runId
                    + " does not say which runbook file it ran (it was recorded by an older version)",
                    "its undo declarations cannot be found; reverse it by hand"));
            Runbook runbook = runbook(file, undone);
            UndoChecks.refuseLaterRuns(journal, undone);
            Map<String, String> given = ResumeParams.given(runbook, undone, secretSources.addTo(
                    new GivenParams(secrets, Map.of(), List.of()), runbook, System.getenv()).values());
            Map<String, Object> params = ParamResolver.resolve(runbook, given, Map.of("env", System.getenv(),
                    "host", Host.facts()));
            UndoPlan plan = UndoSource.plan(journal, undone, runbook);
            boolean partial = !plan.irreversible().isEmpty();
            if (settings.json()) {
                UndoListing.event(settings.out(), undone, plan);
            } else {
                UndoListing.print(err, undone, plan);
            }
            if (partial && !acceptPartial && !dryRun) {
                throw new CliError(ExitCodes.NEEDS_DECISION, "the undo of run " + runId + " would be partial: "
                        + plan.irreversible().size() + " completed step(s) changed something and declare no undo; "
                        + "nothing was changed", "check them, then 'runbook undo " + runId + " --accept-partial' "
                        + "undoes the rest and leaves them as they are");
            }
            if (plan.empty()) {
                err.println("nothing to undo: no step that run " + runId + " completed declares an undo");
                // The real undo would refuse the partial undo above; its preview must end the same way.
                return dryRun && partial && !acceptPartial ? ExitCodes.DRY_RUN_REFUSED : ExitCodes.OK;
            }
            if (!dryRun && !new Confirmer(settings.yes(), err, () -> { }).test("Undo run " + runId + " ("
                    + plan.steps().size() + " undo action(s))?")) {
                throw new CliError(ExitCodes.NEEDS_DECISION, "not confirmed: nothing was changed",
                        "answer y, or run with --yes");
            }
            Masker masker = RunExecution.masker(runbook, params);
            // The undo changes what the undone run changed: the same lock key.
            String lockKey = journal.lockKey(runId);
            String host = String.valueOf(Host.facts().get("name"));
            try (dev.runbook.journal.TargetLock target = dev.runbook.journal.TargetLock.acquire(
                    dev.runbook.journal.TargetLock.directory(System.getenv()), lockKey, state.journalFile(), host)) {
                RunRecorder recorder = journal.startRun(new RunStart(runbook.name(), runbook.sha256(), params,
                        undone.scenario(), dryRun, RunCommand.user(), host, Instant.now(),
                        RunOrigin.undoOf(file, runId), lockKey), masker);
                target.holdFor(recorder.runId());
                return execute(journal, settings, undone, runbook, params, plan, masker, recorder, partial);
            }
        } catch (RunLocked e) {
            throw new CliError(ExitCodes.LOCKED, e.getMessage(), "wait for it to end, then undo run " + runId);
        } catch (PlanError e) {
            throw new CliError(ExitCodes.INVALID, e.getMessage(), e.hint());
        }
    }

    private int execute(Journal journal, RunExecution.Settings settings, RunRecord undone, Runbook runbook,
                        Map<String, Object> params, UndoPlan plan, Masker masker, RunRecorder recorder,
                        boolean partial) throws PlanError {
        PrintWriter err = spec.commandLine().getErr();
        recorder.lockNotice().ifPresent(err::println);
        RunContext context = plan.seed(RunContexts.withParams(runbook, params, System.getenv(),
                runInfo(recorder.runId(), runbook, undone, Instant.now(),
                        RunExecution.forensicsFolder(state, recorder.runId())), journal.vars(runId)));
        boolean refusesPartial = partial && !acceptPartial;
        List<RunListener> marker = dryRun ? List.of()
                : List.of(new UndoMarker(recorder, plan, runId, List.of()));
        RunResult result = new RunExecution(settings, r -> exitCode(r, dryRun, refusesPartial)).execute(
                plan.runbook(), plan.graph(), plan.steps(), context, masker, recorder, Resumption.NONE, marker);
        if (!settings.json()) {
            UndoListing.ending(err, result, dryRun, refusesPartial, recorder.runId());
        }
        return exitCode(result, dryRun, refusesPartial);
    }

    /**
     * 0 undone; 8 an undo action failed (the undo stopped there); 130 interrupted. A dry run: 7 when
     * a preview would refuse or fail, or when the real undo would refuse as partial.
     */
    static int exitCode(RunResult result, boolean dryRun, boolean refusesPartial) {
        if (result.status() == dev.runbook.engine.RunStatus.INTERRUPTED) {
            return ExitCodes.INTERRUPTED;
        }
        if (dryRun) {
            return refusesPartial || !UndoListing.refusing(result).isEmpty() ? ExitCodes.DRY_RUN_REFUSED
                    : ExitCodes.OK;
        }
        return result.status() == dev.runbook.engine.RunStatus.SUCCEEDED ? ExitCodes.OK : ExitCodes.UNDO_FAILED;
    }

    /** The run's template context: run.undoes names the undone run (a report or a state file can say so). */
    static Map<String, Object> runInfo(String id, Runbook runbook, RunRecord undone, Instant startedAt,
                                       java.nio.file.Path forensics) {
        Map<String, Object> run = RunCommand.runInfo(id, runbook, undone.scenario(), startedAt, forensics);
        run.put("undoes", undone.id());
        return run;
    }

    /** The runbook the run ran, unless it changed since (then only with --accept-changed-runbook). */
    private Runbook runbook(String file, RunRecord undone) throws CliError {
        CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(file), ActionRegistry.builtIn());
        if (!checked.ok()) {
            ProblemPrinter.print(spec.commandLine().getErr(), file, checked.problems());
            throw new CliError(ExitCodes.INVALID, file + " is no longer a valid runbook", "fix it, then undo");
        }
        Runbook runbook = checked.runbook().orElseThrow();
        if (!runbook.sha256().equals(undone.runbookSha256()) && !acceptChangedRunbook) {
            throw new CliError(ExitCodes.NEEDS_DECISION, file + " changed since run " + runId + " (sha256 "
                    + undone.runbookSha256().substring(0, 12) + " then, " + runbook.sha256().substring(0, 12)
                    + " now): its undo declarations may not be the ones that run had",
                    "put it back, or undo with --accept-changed-runbook to use the undos as written now");
        }
        return runbook;
    }
}
