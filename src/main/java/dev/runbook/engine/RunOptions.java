package dev.runbook.engine;

import dev.runbook.action.RunScope;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * How to run: for real or as a dry run, how many steps side by side, and who answers confirm
 * gates ({@code confirmer}: the terminal prompt, "yes" for --yes, "no" without a terminal), and
 * which run the steps belong to.
 */
public record RunOptions(boolean dryRun, int jobs, Path workDir, Path logDir, Predicate<String> confirmer,
                         RunScope run) {

    /** Options for a run without a journal (tests, embedding): run id "local", forensics beside the logs. */
    public RunOptions(boolean dryRun, int jobs, Path workDir, Path logDir, Predicate<String> confirmer) {
        this(dryRun, jobs, workDir, logDir, confirmer, RunScope.unjournaled("local", logDir.resolve("forensics")));
    }


    public RunOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }
}
