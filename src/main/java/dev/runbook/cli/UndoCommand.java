package dev.runbook.cli;

import dev.runbook.app.Ran;
import dev.runbook.app.Refusal;
import dev.runbook.app.Runs;
import dev.runbook.app.Settings;
import dev.runbook.app.UndoPreparation;
import dev.runbook.app.UndoRequest;
import dev.runbook.console.Confirmer;
import dev.runbook.engine.RunResult;
import dev.runbook.engine.RunStatus;
import dev.runbook.engine.UndoPlan;
import dev.runbook.journal.RunLocked;
import dev.runbook.plan.PlanError;
import java.io.PrintWriter;
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

    @Mixin
    RepeatedSecrets secrets;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    StateOption state;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError, Refusal {
        Settings settings = execution.settings(dryRun, state, spec);
        PrintWriter err = spec.commandLine().getErr();
        Runs runs = new Runs(settings);
        try (UndoPreparation prepared = runs.prepareUndo(new UndoRequest(runId, acceptPartial, acceptChangedRunbook,
                secrets.forRunbook()))) {
            UndoPlan plan = prepared.plan();
            if (settings.json()) {
                UndoListing.event(settings.out(), prepared.undone(), plan);
            } else {
                UndoListing.print(err, prepared.undone(), plan);
            }
            prepared.refuseUnacceptedPartial(dryRun);
            if (plan.empty()) {
                err.println("nothing to undo: no step that run " + runId + " completed declares an undo");
                // The real undo would refuse the partial undo above; its preview must end the same way.
                return dryRun && prepared.refusesPartial() ? ExitCodes.DRY_RUN_REFUSED : ExitCodes.OK;
            }
            if (!dryRun && !new Confirmer(settings.yes(), err, () -> { }).test("Undo run " + runId + " ("
                    + plan.steps().size() + " undo action(s))?")) {
                throw new CliError(ExitCodes.NEEDS_DECISION, "not confirmed: nothing was changed",
                        "answer y, or run with --yes");
            }
            Ran ran = runs.undo(prepared);
            if (!settings.json()) {
                UndoListing.ending(err, ran.result(), dryRun, prepared.refusesPartial(), ran.runId());
            }
            return ran.exitCode();
        } catch (RunLocked e) {
            throw new CliError(ExitCodes.LOCKED, e.getMessage(), "wait for it to end, then undo run " + runId);
        } catch (PlanError e) {
            throw new CliError(ExitCodes.INVALID, e.getMessage(), e.hint());
        }
    }

    /**
     * 0 undone; 8 an undo action failed (the undo stopped there); 130 interrupted. A dry run: 7 when
     * a preview would refuse or fail, or when the real undo would refuse as partial.
     */
    static int exitCode(RunResult result, boolean dryRun, boolean refusesPartial) {
        if (result.status() == RunStatus.INTERRUPTED) {
            return ExitCodes.INTERRUPTED;
        }
        if (dryRun) {
            return refusesPartial || !UndoListing.refusing(result).isEmpty() ? ExitCodes.DRY_RUN_REFUSED
                    : ExitCodes.OK;
        }
        return result.status() == RunStatus.SUCCEEDED ? ExitCodes.OK : ExitCodes.UNDO_FAILED;
    }
}
