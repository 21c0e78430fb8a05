package dev.runbook.cli;

import dev.runbook.app.Refusal;
import dev.runbook.journal.JournalException;
import dev.runbook.plan.PlanError;
import dev.runbook.template.Masker;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What a command that threw says and exits with: a refusal or a CLI error as one line per reason
 * with its hint and its kind's exit code, a journal problem as the operator's to fix, anything else
 * as an internal error (its stack trace only with --debug). One place for picocli's execution
 * handler and for the run lines read without picocli ({@link RunShortcut}), so both end alike.
 */
final class CommandFailure {

    private CommandFailure() {
    }

    static int report(Exception e, boolean debug, PrintWriter err) {
        Masker masker = Masker.ofEverySecretSeen();
        if (e instanceof Refusal refusal && !refusal.problems().isEmpty()) {
            ProblemPrinter.print(err, refusal.file(), refusal.problems());
        }
        // A refusal of the application is shown as the CLI's own errors are, with its kind's exit code.
        if ((e instanceof Refusal r ? CliError.of(r) : e) instanceof CliError error) {
            for (PlanError.Reason reason : error.reasons()) {
                err.println("runbook: " + masker.mask(reason.message()));
                if (reason.hint() != null) {
                    err.println("  hint: " + masker.mask(reason.hint()));
                }
            }
            if (error.reasons().size() > 1) {
                err.println("runbook: " + error.getMessage());
            }
            return error.exitCode();
        }
        if (e instanceof JournalException journal && !debug) {
            // The journal file is the operator's to fix (damaged, foreign, disk full), not a bug to report.
            err.println("runbook: " + masker.mask(journal.getMessage()));
            err.println("  hint: the journal is in the state folder (--state, RUNBOOK_STATE; docs/JOURNAL.md):"
                    + " check that file and its disk, or move it aside and run again");
            return ExitCodes.NO_INPUT;
        }
        err.println("runbook: internal error: " + masker.mask(String.valueOf(e)));
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(masker.mask(trace.toString()));
        } else {
            err.println("  hint: run again with --debug for the stack trace, and report it");
        }
        return ExitCodes.INTERNAL;
    }
}
