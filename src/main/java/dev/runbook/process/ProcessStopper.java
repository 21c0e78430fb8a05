package dev.runbook.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
        return stopMatching(ProcessScope.matching(patterns));
    }

    /** Stops every process of the scope (see {@link ProcessMatcher}); notes one that appears meanwhile. */
    public StopResult stopMatching(ProcessScope scope) {
        List<ProcessInfo> targets = ProcessMatcher.matching(scope);
        List<String> notes = new ArrayList<>();
        if (targets.isEmpty()) {
            notes.add("no process " + scope.describe());
            return new StopResult(targets, Ending.NOTHING, notes);
        }
        Ending ending = stop(targets);
        Set<Long> ended = Set.copyOf(ending.termed());
        for (ProcessInfo again : ProcessMatcher.matching(scope)) {
            if (!ended.contains(again.pid()) && targets.stream().noneMatch(t -> t.sameProcessAs(again))) {
                notes.add("pid " + again.pid() + " matches now and was not running before (" + again.commandLine()
                        + "): restarted by a supervisor?");
            }
        }
        return new StopResult(targets, ending, notes);
    }

    /** Stops the process a pidfile names, and removes the pidfile once it is gone (it would be stale). */
    public StopResult stopPidfile(Path pidfile) throws IOException {
        return stopPidfile(pidfile, ProcessScope.any());
    }

    /**
     * Stops the process a pidfile names if it is also in the scope (a pid reused by another
     * application's process, or a pidfile that names a runbook, is left alone with a note), and
     * removes the pidfile once it is gone.
     */
    public StopResult stopPidfile(Path pidfile, ProcessScope scope) throws IOException {
        Optional<ProcessInfo> target = target(pidfile, scope);
        if (target.isEmpty()) {
            return new StopResult(List.of(), Ending.NOTHING, List.of(note(pidfile, scope)));
        }
        Ending ending = stop(List.of(target.get()));
        if (ending.complete()) {
            Files.deleteIfExists(pidfile);
        }
        return new StopResult(List.of(target.get()), ending, List.of());
    }

    /** The process a pidfile names when it is running, is the one the file was written for, and is in scope. */
    public static Optional<ProcessInfo> target(Path pidfile, ProcessScope scope) throws IOException {
        Pidfile.Target named = Pidfile.read(pidfile);
        return named.process().filter(p -> ProcessMatcher.outside(p, scope).isEmpty());
    }

    /** Why a pidfile names nothing to stop. */
    public static String note(Path pidfile, ProcessScope scope) throws IOException {
        Pidfile.Target named = Pidfile.read(pidfile);
        if (named.process().isEmpty()) {
            return named.note();
        }
        return ProcessMatcher.outside(named.process().get(), scope).map(why -> why + ", though " + pidfile
                + " names it: left alone").orElse(named.note());
    }

    private Ending stop(List<ProcessInfo> targets) {
        return Terminator.end(ProcessSet.targets(targets), grace);
    }
}
