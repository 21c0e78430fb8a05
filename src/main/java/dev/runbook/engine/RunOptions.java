package dev.runbook.engine;

import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * How to run: for real or as a dry run, how many steps side by side, and who answers confirm
 * gates ({@code confirmer}: the terminal prompt, "yes" for --yes, "no" without a terminal).
 */
public record RunOptions(boolean dryRun, int jobs, Path workDir, Path logDir, Predicate<String> confirmer) {

    public RunOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }
}
