package dev.runbook.app;

import dev.runbook.engine.RunResult;
import dev.runbook.files.RestoreHooks;
import java.io.PrintWriter;

/**
 * How to run and report, as the caller asked: a dry run or not, steps side by side, confirmations
 * answered yes, human checks vouched for (--vouch-for-checks), JSON events or human output, the state folder, where output goes, and the exit
 * codes an undo ends with (the command line's, shown in the last event), and what the run's restores
 * are given (the command line's, so a test can pass its own).
 */
public record Settings(boolean dryRun, int jobs, boolean yes, boolean json, StateFolder state, PrintWriter out,
                       PrintWriter err, UndoExitCodes undoExitCodes, RestoreHooks restoreHooks, boolean vouchForChecks) {

    /** Human checks asked of a person (no --vouch-for-checks). */
    public Settings(boolean dryRun, int jobs, boolean yes, boolean json, StateFolder state, PrintWriter out,
                    PrintWriter err, UndoExitCodes undoExitCodes, RestoreHooks restoreHooks) {
        this(dryRun, jobs, yes, json, state, out, err, undoExitCodes, restoreHooks, false);
    }

    /** The exit code of an undo run, which has codes of its own (docs/FORMAT.md, "Undo"). */
    @FunctionalInterface
    public interface UndoExitCodes {
        int of(RunResult result, boolean dryRun, boolean refusesPartial);
    }

    public Settings {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
    }

    /** The same, but a dry run or not. */
    public Settings withDryRun(boolean dryRun) {
        return new Settings(dryRun, jobs, yes, json, state, out, err, undoExitCodes, restoreHooks, vouchForChecks);
    }
}
