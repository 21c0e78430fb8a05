package dev.runbook.cli;

import dev.runbook.app.Ran;
import dev.runbook.app.Refusal;
import dev.runbook.app.ResumeRequest;
import dev.runbook.app.Runs;
import dev.runbook.app.Settings;
import dev.runbook.journal.RunLocked;
import dev.runbook.plan.PlanError;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
        if (FleetViews.isFleet(runId)) {
            List<String> decisions = new java.util.ArrayList<>();
            if (retryInterrupted) {
                decisions.add("--retry-interrupted");
            }
            if (stopSurvivors) {
                decisions.add("--stop-survivors");
            }
            return FleetResume.resume(runId, secrets, execution, state, decisions, spec);
        }
        Settings settings = execution.settings(false, state, spec);
        try {
            Optional<Ran> ran = new Runs(settings).resume(new ResumeRequest(runId, force, retryInterrupted,
                    stopSurvivors, secrets.forRunbook()));
            if (ran.isEmpty()) {
                spec.commandLine().getErr().println("run " + runId + " already succeeded; nothing to resume");
                return ExitCodes.OK;
            }
            if (!settings.json()) {
                ResumeHint.of(ran.get().result(), runId).ifPresent(spec.commandLine().getErr()::println);
            }
            return ran.get().exitCode();
        } catch (RunLocked e) {
            throw new CliError(ExitCodes.LOCKED, e.getMessage(), "wait for it to end; a run whose process died "
                    + "is taken over automatically");
        } catch (PlanError e) {
            throw CliError.invalid(e);
        }
    }
}
