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

    Path runDirectory(String runId) {
        return journalFile().getParent().resolve("runs").resolve(runId);
    }
}
