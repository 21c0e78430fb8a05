package dev.runbook.cli;

import dev.runbook.app.PlanApply;
import dev.runbook.app.Refusal;
import dev.runbook.app.Settings;
import dev.runbook.journal.RunLocked;
import dev.runbook.plan.PlanError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook apply PLAN}: a saved plan run exactly, once, checked for drift before each step. */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Run a plan saved by run --dry-run "
        + "--save-plan: its own runbook, params and steps, once, stopping before any step whose inputs drifted.")
final class ApplyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file.")
    Path plan;

    @Option(names = "--require-approval", description = "Refuse the plan unless it is approved (runbook approve).")
    boolean requireApproval;

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
        Settings settings = execution.settings(false, state, spec);
        PrintWriter err = spec.commandLine().getErr();
        try {
            PlanApply.Applied applied = PlanApply.apply(settings, plan, requireApproval, secrets.forRunbook());
            if (!applied.drift().isEmpty()) {
                applied.drift().forEach(line -> err.println("runbook: drift: " + line));
                err.println("runbook: stopped before '" + applied.ran().result().failedStep().orElse("?")
                        + "': the state changed since the plan was saved; nothing after it ran");
                return ExitCodes.PLAN_DRIFT;
            }
            if (!settings.json()) {
                err.println("plan " + applied.sha256().substring(0, 12) + " applied as run " + applied.ran().runId());
                ResumeHint.of(applied.ran().result(), applied.ran().runId()).ifPresent(err::println);
            }
            return applied.ran().exitCode();
        } catch (RunLocked e) {
            throw new CliError(ExitCodes.LOCKED, e.getMessage(), "wait for it to end");
        } catch (PlanError e) {
            throw CliError.invalid(e);
        }
    }
}
