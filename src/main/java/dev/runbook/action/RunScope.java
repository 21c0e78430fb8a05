package dev.runbook.action;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import dev.runbook.files.RestoreHooks;
import dev.runbook.process.CommandWatch;

/**
 * The run a step belongs to, for actions that keep things per run: its id, the folder where failed
 * state and replaced files are kept (the CLI uses {@code <state>/runs/<run-id>/forensics}, beside the
 * run's logs, so everything about one run is in one place), the journal file when the run is
 * journaled (reports read the run's history from it), and the values of its secret params, which
 * a command's step log shows as {@code ***}. keptAside collects, as the run goes, where its restores
 * moved what they replaced: a later restore may link those files back rather than copy them. It is
 * not journaled; a resumed run starts it empty and copies instead. commands: told of every command a
 * step starts (pid, token), so a resume after a crash can find one still running. restoreHooks: the
 * Linux calls and checkpoint listener the run's restores are given (tests pass theirs through
 * {@code Main.execute}; a real run has {@link RestoreHooks#standard()}). simulated: in a dry run, what
 * the steps previewed so far would have done, which later previews read ({@link SimulatedState}).
 */
public record RunScope(String runId, Path forensicsDir, Optional<Path> journalFile, List<String> secrets,
                       Set<Path> keptAside, Function<String, CommandWatch> commands, RestoreHooks restoreHooks,
                       SimulatedState simulated) {

    public RunScope {
        simulated = simulated == null ? new SimulatedState() : simulated;
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        keptAside = keptAside == null ? new CopyOnWriteArraySet<>() : keptAside;
        commands = commands == null ? stepId -> CommandWatch.NONE : commands;
        restoreHooks = restoreHooks == null ? RestoreHooks.standard() : restoreHooks;
    }

    public RunScope(String runId, Path forensicsDir, Optional<Path> journalFile, List<String> secrets,
                    Set<Path> keptAside, Function<String, CommandWatch> commands, RestoreHooks restoreHooks) {
        this(runId, forensicsDir, journalFile, secrets, keptAside, commands, restoreHooks, null);
    }

    public RunScope(String runId, Path forensicsDir, Optional<Path> journalFile, List<String> secrets,
                    Set<Path> keptAside, Function<String, CommandWatch> commands) {
        this(runId, forensicsDir, journalFile, secrets, keptAside, commands, null);
    }

    public RunScope(String runId, Path forensicsDir, Optional<Path> journalFile, List<String> secrets) {
        this(runId, forensicsDir, journalFile, secrets, null, null);
    }

    /** Who is told of each command a step starts (the journal), by step id. */
    public CommandWatch commandsOf(String stepId) {
        return commands.apply(stepId);
    }

    public RunScope(String runId, Path forensicsDir, Optional<Path> journalFile) {
        this(runId, forensicsDir, journalFile, List.of());
    }

    public static RunScope unjournaled(String runId, Path forensicsDir) {
        return new RunScope(runId, forensicsDir, Optional.empty());
    }
}
