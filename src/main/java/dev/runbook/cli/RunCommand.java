package dev.runbook.cli;

import dev.runbook.action.ActionRegistry;
import dev.runbook.app.GivenParams;
import dev.runbook.app.Ran;
import dev.runbook.app.Refusal;
import dev.runbook.app.RunRequest;
import dev.runbook.app.RunbookFiles;
import dev.runbook.app.Runs;
import dev.runbook.app.Settings;
import dev.runbook.engine.RunResult;
import dev.runbook.files.RestoreHooks;
import dev.runbook.journal.RunLocked;
import dev.runbook.plan.Plan;
import dev.runbook.plan.PlanError;
import dev.runbook.validate.CheckedRunbook;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook run FILE}: the plan, executed for real or as a dry run. */
@Command(name = "run", description = "Run a runbook, or preview its effects with --dry-run.",
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The runbook.")
    String file;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--dry-run", description = "Change nothing: run read-only checks, preview the rest.")
    boolean dryRun;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    SavePlanOptions savePlan;

    @Mixin
    StateOption state;

    @Mixin
    FleetOptions fleet;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError, Refusal {
        return runHere(spec.commandLine().getOut(), spec.commandLine().getErr(),
                ((Main) spec.root().userObject()).restoreHooks());
    }

    /** The run, on this machine or (--inventory) on a fleet; also how a line read without picocli runs ({@link RunShortcut}). */
    Integer runHere(PrintWriter out, PrintWriter err, RestoreHooks restoreHooks) throws CliError, Refusal {
        if (fleet.active()) {
            return fleet.run(file, selection, dryRun, execution, state, out, err);
        }
        fleet.refuseWithoutInventory();
        Settings settings = execution.settings(dryRun, state, out, err, restoreHooks);
        dev.runbook.parse.RunbookSource source = RunbookFiles.read(file);
        CheckedRunbook checked = CheckedRunbook.of(source, ActionRegistry.builtIn());
        if (!checked.ok()) {
            ProblemPrinter.print(err, file, checked.problems());
            return ExitCodes.INVALID;
        }
        try {
            GivenParams given = selection.given(checked.runbook().orElseThrow(), System.getenv());
            RunRequest request = new RunRequest(file, checked, given, selection.request(given), state.migrationNote());
            Ran ran = savePlan.wanted() ? savePlan.dryRunAndSave(settings, request, source.text(), err)
                    : new Runs(settings).run(request);
            RunResult result = ran.result();
            if (settings.json()) {
                return ran.exitCode();
            }
            if (dryRun) {
                Plan plan = ran.plan().orElseThrow();
                err.println("preview: " + plan.coverage()
                        + (result.notProbed().isEmpty() ? "" : "; not probed (they check what an earlier step "
                        + "would change): " + String.join(", ", result.notProbed())));
                dev.runbook.plan.RollbackPaths.of(plan).lines().forEach(err::println);
                err.println(dev.runbook.console.GateLine.of(result, ran.masker()));
            } else {
                ResumeHint.of(result, ran.runId()).ifPresent(err::println);
            }
            return ran.exitCode();
        } catch (RunLocked e) {
            throw new CliError(ExitCodes.LOCKED, e.getMessage(), "wait for it to end; a run whose process died "
                    + "is taken over automatically");
        } catch (PlanError e) {
            throw CliError.invalid(e);
        }
    }
}
