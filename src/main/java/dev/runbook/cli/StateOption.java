package dev.runbook.cli;

import dev.runbook.app.Refusal;
import dev.runbook.app.StateFolder;
import dev.runbook.journal.Journal;
import dev.runbook.journal.StateDirectory;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * --state: where the journal, the runs' logs and forensics live. The default does not depend on
 * the working directory (see {@link StateDirectory}): RUNBOOK_STATE, /var/lib/runbook for root,
 * $XDG_STATE_HOME/runbook or ~/.local/state/runbook.
 */
final class StateOption {

    @Option(names = "--state", paramLabel = "DIR", description = "Where runs keep their journal, logs and forensics "
            + "(default: $RUNBOOK_STATE, /var/lib/runbook for root, else $XDG_STATE_HOME/runbook or "
            + "~/.local/state/runbook).")
    Path state;

    Path directory() {
        return StateDirectory.resolve(Optional.ofNullable(state));
    }

    Path journalFile() {
        return Journal.location(directory());
    }

    /** The folder as the application uses it. */
    StateFolder folder() {
        return new StateFolder(directory(), oldJournal());
    }

    /** The journal of past runs; its absence is a one-line error, not an empty new file. */
    Journal openExisting() throws CliError {
        try {
            return folder().openExisting();
        } catch (Refusal e) {
            throw CliError.of(e);
        }
    }

    /**
     * Earlier versions kept the journal in ./.runbook: when it is there and the default state is
     * used, a note says where those runs are and how to reach them (they are not merged: two
     * journals' locks and ids are their own, and another directory's .runbook would be left out).
     */
    Optional<String> migrationNote() {
        return oldJournal().filter(old -> !old.getParent().equals(directory()))
                .map(old -> "note: " + old + " holds runs of an earlier version, which kept state in the working "
                        + "directory; runs are now journaled in " + journalFile() + ". See or resume the old ones "
                        + "with --state " + old.getParent() + " (docs/JOURNAL.md, \"Moving from ./.runbook\")");
    }

    private Optional<Path> oldJournal() {
        return StateDirectory.oldJournal(Path.of(""), Optional.ofNullable(state), System.getenv());
    }

    Path runDirectory(String runId) {
        return folder().runDirectory(runId);
    }
}
