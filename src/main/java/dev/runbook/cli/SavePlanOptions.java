package dev.runbook.cli;

import dev.runbook.app.PlanSave;
import dev.runbook.app.Ran;
import dev.runbook.app.Refusal;
import dev.runbook.app.RunRequest;
import dev.runbook.app.Settings;
import dev.runbook.journal.RunLocked;
import dev.runbook.plan.PlanError;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code run --dry-run --save-plan FILE}: the dry run's plan saved for {@code runbook apply} (docs/PLANS.md). */
final class SavePlanOptions {

    @Option(names = "--save-plan", paramLabel = "PLAN", description = "With --dry-run: save the plan (runbook, "
            + "params without secrets, selection, a fingerprint of what the preview read) for runbook apply.")
    Path file;

    @Option(names = "--require-approval", description = "With --save-plan: the plan is applied only once approved "
            + "(runbook approve PLAN), as with the runbook's 'approval: required'.")
    boolean requireApproval;

    boolean wanted() {
        return file != null;
    }

    /** The dry run with its fingerprint, then the plan saved when every step would run; says so on stderr. */
    Ran dryRunAndSave(Settings settings, RunRequest request, String runbookText, PrintWriter err)
            throws PlanError, RunLocked, Refusal {
        PlanSave.Saved saved = PlanSave.dryRun(settings, request, runbookText, file, requireApproval);
        if (saved.sha256().isPresent()) {
            err.println("plan saved to " + file + " (sha256 " + saved.sha256().get() + ", " + saved.prints()
                    + " things fingerprinted); apply it with: runbook apply " + file);
        } else {
            err.println("plan not saved: the dry run ended with exit " + saved.ran().exitCode()
                    + "; a plan is saved only when every step would run");
        }
        return saved.ran();
    }
}
