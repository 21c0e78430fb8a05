package dev.runbook.action;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The run a step belongs to, for actions that keep things per run: its id, the folder where failed
 * state and replaced files are kept ({@code forensics/<run-id>} under the working directory), and
 * the journal file when the run is journaled (reports read the run's history from it).
 */
public record RunScope(String runId, Path forensicsDir, Optional<Path> journalFile) {

    /** A run with no journal whose forensics go under {@code workDir/forensics/<runId>}. */
    public static RunScope unjournaled(String runId, Path workDir) {
        return new RunScope(runId, workDir.resolve("forensics").resolve(runId), Optional.empty());
    }
}
