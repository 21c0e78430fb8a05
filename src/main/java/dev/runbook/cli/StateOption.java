package dev.runbook.cli;

import dev.runbook.journal.Journal;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** --state: where the journal and the runs' logs live (default .runbook under the working directory). */
final class StateOption {

    @Option(names = "--state", paramLabel = "DIR", description = "Where runs keep their journal and logs "
            + "(default .runbook).")
    Path state;

    Path journalFile() {
        return Journal.location(Path.of("").toAbsolutePath(), Optional.ofNullable(state));
    }

    /** The journal of past runs; its absence is a one-line error, not an empty new file. */
    Journal openExisting() throws CliError {
        if (!java.nio.file.Files.exists(journalFile())) {
            throw new CliError(ExitCodes.NO_INPUT, "no journal at " + journalFile(),
                    "runs are journaled where they ran; give --state DIR if it was elsewhere");
        }
        return Journal.open(journalFile());
    }

    Path runDirectory(String runId) {
        return journalFile().getParent().resolve("runs").resolve(runId);
    }
}
