package dev.runbook.app;

import dev.runbook.journal.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The state folder a command uses (docs/JOURNAL.md): the journal, and each run's logs and forensics.
 *
 * @param oldJournal the ./.runbook journal of an earlier version, when there is one to point to
 */
public record StateFolder(Path directory, Optional<Path> oldJournal) {

    public Path journalFile() {
        return Journal.location(directory);
    }

    public Path runDirectory(String runId) {
        return directory.resolve("runs").resolve(runId);
    }

    public Path forensicsFolder(String runId) {
        return runDirectory(runId).resolve("forensics").toAbsolutePath();
    }

    /** The journal of past runs; its absence is a one-line refusal, not an empty new file. */
    public Journal openExisting() throws Refusal {
        if (!Files.exists(journalFile())) {
            throw new Refusal(Refusal.Kind.NO_INPUT, "no journal at " + journalFile(), oldJournal
                    .map(old -> "earlier versions journaled runs in the working directory, as in " + old
                            + "; give --state " + old.getParent())
                    .orElse("runs are journaled in the state folder; give --state DIR if it was elsewhere"));
        }
        return Journal.open(journalFile());
    }
}
