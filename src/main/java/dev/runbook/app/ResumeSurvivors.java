package dev.runbook.app;

import dev.runbook.journal.CommandRecord;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecord;
import dev.runbook.process.Ending;
import dev.runbook.process.ProcessInfo;
import dev.runbook.process.Survivors;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a dead run left running, found before a resume starts anything: every process carrying the
 * run's RUNBOOK_TREE prefix, and every journaled pid still held by the process with its journaled
 * start time. A resume never waits on them silently nor starts a second copy beside them: it refuses
 * naming them, or, with --stop-survivors, ends them first (as a timeout ends a command's tree).
 */
final class ResumeSurvivors {

    static final Duration GRACE = Duration.ofSeconds(5);

    private ResumeSurvivors() {
    }

    /**
     * Refuses (exit 6) while any survives, unless told to end them; then says what it ended. What
     * survives of steps that change nothing (readOnly says which) is ended without asking: a second
     * copy would be harmless, but one copy is the promise, and ending a read-only command loses nothing.
     */
    static void handle(Journal journal, RunRecord run, String host, boolean stop, Predicate<String> readOnly,
                       PrintWriter err) throws Refusal {
        if (!run.host().equals(host)) {
            err.println("note: run " + run.id() + " ran on host " + run.host() + "; commands it may have left running "
                    + "there cannot be seen from " + host);
            return;
        }
        List<CommandRecord> commands = journal.commands(run.id());
        String boot = Journal.bootId();
        Map<Long, Long> recorded = new HashMap<>();
        commands.forEach(c -> c.startTicks(boot).ifPresent(ticks -> recorded.put(c.pid(), ticks)));
        List<ProcessInfo> survivors = Survivors.find(JournaledCommands.runPrefix(run.id()), recorded);
        if (survivors.isEmpty()) {
            return;
        }
        String listed = survivors.stream().map(p -> describe(p, commands)).collect(Collectors.joining("; "));
        boolean onlyReadOnly = survivors.stream().allMatch(p -> step(p, run.id(), commands).filter(readOnly)
                .isPresent());
        if (!stop && !onlyReadOnly) {
            throw new Refusal(Refusal.Kind.NEEDS_DECISION, "run " + run.id() + " left commands running when its process "
                    + "died: " + listed + "; resuming now would run their steps again beside them",
                    "wait for them to end, or 'runbook resume " + run.id() + " --stop-survivors' ends them first "
                            + "(TERM, then KILL after " + GRACE.toSeconds() + " s)");
        }
        Ending ending = Survivors.end(survivors, GRACE);
        if (!ending.complete()) {
            throw new Refusal(Refusal.Kind.FAILED, "could not end what run " + run.id() + " left running: pids "
                    + ending.survivors() + " survived KILL", "end them by hand (another user's, or in uninterruptible "
                    + "sleep), then resume");
        }
        err.println("ended what run " + run.id() + " left running" + (stop ? "" : " in steps that change nothing")
                + ": " + listed);
    }

    /** The step a survivor belongs to: from its token (RUN_ID/STEP_ID/...), else from its journaled pid. */
    private static Optional<String> step(ProcessInfo process, String runId, List<CommandRecord> commands) {
        String prefix = JournaledCommands.runPrefix(runId);
        Optional<String> fromToken = Survivors.token(process.pid()).filter(t -> t.startsWith(prefix))
                .map(t -> t.substring(prefix.length())).filter(rest -> rest.indexOf('/') > 0)
                .map(rest -> rest.substring(0, rest.indexOf('/')));
        return fromToken.or(() -> commands.stream().filter(c -> c.pid() == process.pid()).map(CommandRecord::stepId)
                .findFirst());
    }

    private static String describe(ProcessInfo process, List<CommandRecord> commands) {
        Optional<CommandRecord> command = commands.stream().filter(c -> c.pid() == process.pid()).findFirst();
        return "pid " + process.pid() + command.map(c -> " (step '" + c.stepId() + "', since " + c.startedAt() + "): "
                + c.command()).orElse(": " + process.commandLine());
    }
}
