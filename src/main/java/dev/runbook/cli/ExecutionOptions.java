package dev.runbook.cli;

import dev.runbook.app.Settings;
import dev.runbook.files.RestoreHooks;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** How steps are executed and reported: shared by run, resume and undo, so all read them the same way. */
final class ExecutionOptions {

    @Option(names = "--yes", description = "Approve every confirmation (not the human checks of confirm steps).")
    boolean yes;

    @Option(names = "--vouch-for-checks", description = "Record every human check (confirm step) as vouched for by "
            + "you, without asking.")
    boolean vouchForChecks;

    @Option(names = "--jobs", paramLabel = "N", description = "Steps run side by side at most (default 1).")
    int jobs = 1;

    @Option(names = "--json", description = "Events as JSON Lines on stdout instead of human output.")
    boolean json;

    /** The settings of one execution; refuses a --jobs below 1. */
    Settings settings(boolean dryRun, StateOption state, picocli.CommandLine.Model.CommandSpec spec)
            throws CliError {
        return settings(dryRun, state, spec.commandLine().getOut(), spec.commandLine().getErr(),
                ((Main) spec.root().userObject()).restoreHooks());
    }

    Settings settings(boolean dryRun, StateOption state, PrintWriter out, PrintWriter err, RestoreHooks restoreHooks)
            throws CliError {
        if (jobs < 1) {
            throw new CliError(ExitCodes.USAGE, "--jobs must be at least 1, got " + jobs, null);
        }
        return new Settings(dryRun, jobs, yes, json, state.folder(), out, err, UndoCommand::exitCode, restoreHooks,
                vouchForChecks);
    }
}
