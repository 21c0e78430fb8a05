package dev.runbook.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * process.stop: TERM the targets, wait the grace period, KILL what is left, confirm it is gone.
 *
 * <p>TERM goes to each target and, when a target leads its own process group (a server started
 * by process.start, or by a job-control shell), to every member of that group, like
 * {@code kill -TERM -PGID}: a server started through {@code sh -c} gets the TERM itself, not
 * only its shell. Other descendants are left to their parent to stop. After the grace period KILL
 * goes to whatever is left of all of them: a parent killed outright cannot stop its workers, which
 * would otherwise be left holding the port.
 */
public final class ProcessStopper {

    private final Duration grace;

    public ProcessStopper(Duration grace) {
        this.grace = grace;
    }

    /** Stops every process whose command line matches one of the patterns (see {@link ProcessMatcher}). */
    public StopResult stopMatching(List<Pattern> patterns) {
        List<ProcessInfo> targets = ProcessMatcher.matching(patterns);
        List<String> notes = new ArrayList<>();
        if (targets.isEmpty()) {
            String listed = patterns.stream().map(Pattern::pattern).collect(Collectors.joining(", "));
            notes.add("no process matches " + listed);
            return new StopResult(targets, Ending.NOTHING, notes);
        }
        Ending ending = stop(targets);
        Set<Long> ended = Set.copyOf(ending.termed());
        for (ProcessInfo again : ProcessMatcher.matching(patterns)) {
            if (!ended.contains(again.pid()) && targets.stream().noneMatch(t -> t.sameProcessAs(again))) {
                notes.add("pid " + again.pid() + " matches now and was not running before (" + again.commandLine()
                        + "): restarted by a supervisor?");
            }
        }
        return new StopResult(targets, ending, notes);
    }

    /** Stops the process a pidfile names, and removes the pidfile once it is gone (it would be stale). */
    public StopResult stopPidfile(Path pidfile) throws IOException {
        Pidfile.Target target = Pidfile.read(pidfile);
        if (target.process().isEmpty()) {
            return new StopResult(List.of(), Ending.NOTHING, List.of(target.note()));
        }
        Ending ending = stop(List.of(target.process().get()));
        if (ending.complete()) {
            Files.deleteIfExists(pidfile);
        }
        return new StopResult(List.of(target.process().get()), ending, List.of());
    }

    private Ending stop(List<ProcessInfo> targets) {
        return Terminator.end(ProcessSet.targets(targets), grace);
    }
}
