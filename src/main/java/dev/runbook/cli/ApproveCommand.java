package dev.runbook.cli;

import dev.runbook.app.PlanApply;
import dev.runbook.app.Refusal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook approve PLAN}: who approves this plan's exact bytes, and when, kept beside it. */
@Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a saved plan: records who "
        + "approved its checksum and when, in PLAN.approval beside it.")
final class ApproveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file.")
    Path plan;

    /** Accepted as every command accepts it; an approval is kept beside its plan, not in the state folder. */
    @picocli.CommandLine.Mixin
    StateOption state;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Refusal {
        PlanApply.Approved approved = PlanApply.approve(plan);
        spec.commandLine().getErr().println("plan " + approved.approval().planSha256().substring(0, 12)
                + " approved by " + approved.approval().approvedBy() + " at " + approved.approval().approvedAt()
                + " (" + approved.file() + ")");
        return ExitCodes.OK;
    }
}
