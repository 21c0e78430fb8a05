package dev.runbook.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds the processes of a {@link ProcessScope}: a command-line regex like {@code pgrep -f} (found
 * anywhere in the arguments joined with spaces), narrowed by working directory, program, owner and
 * listening port. Read-only, so a dry run can show what {@code process.stop} would stop. Never
 * lists this JVM or its ancestors, any other {@code runbook} process or its ancestors (their
 * command lines name the application's paths: {@code runbook run ... -p app_dir=/opt/tmws}),
 * zombies, or kernel threads (no command line).
 */
public final class ProcessMatcher {

    private ProcessMatcher() {
    }

    /** The processes whose command line matches any of the patterns now, by pid. */
    public static List<ProcessInfo> matching(List<Pattern> patterns) {
        return matching(ProcessScope.matching(patterns));
    }

    /** The processes that meet every criterion of the scope now, by pid; none for a scope that selects nothing. */
    public static List<ProcessInfo> matching(ProcessScope scope) {
        if (!scope.selects()) {
            return List.of();
        }
        List<ProcessInfo> table = ProcessTable.snapshot(true);
        Set<Long> excluded = RunbookProcesses.neverMatched(table);
        Criteria criteria = Criteria.of(scope);
        List<ProcessInfo> found = new ArrayList<>();
        for (ProcessInfo p : table) {
            if (!p.exited() && !p.commandLine().isEmpty() && !excluded.contains(p.pid()) && criteria.hold(p)) {
                found.add(p);
            }
        }
        found.sort((a, b) -> Long.compare(a.pid(), b.pid()));
        return found;
    }

    /**
     * Why this one process (named by a pidfile) is outside the scope, or empty when it is inside.
     * Criteria not given are not applied, so {@link ProcessScope#any()} takes any process that is
     * not a runbook's.
     */
    public static Optional<String> outside(ProcessInfo process, ProcessScope scope) {
        Map<Long, ProcessInfo> table = ProcessTable.byPid(ProcessTable.snapshot(true));
        if (RunbookProcesses.neverMatched(List.copyOf(table.values())).contains(process.pid())) {
            return Optional.of("pid " + process.pid() + " is a runbook process (or one that started it), never stopped");
        }
        return Criteria.of(scope).hold(process) ? Optional.empty()
                : Optional.of("pid " + process.pid() + " (" + process.commandLine() + ") is not " + scope.describe());
    }

    /** Compiles the runbook's patterns; a bad one is an IllegalArgumentException saying which and why. */
    public static List<Pattern> compile(List<String> regexes) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : regexes) {
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: "
                        + e.getDescription(), e);
            }
        }
        return patterns;
    }

    /** The scope with its paths resolved and the listening sockets read once per search. */
    private record Criteria(ProcessScope scope, List<Path> cwdRoots, List<Path> programs, Set<String> sockets) {

        static Criteria of(ProcessScope scope) {
            return new Criteria(scope, scope.cwdUnder().map(Criteria::spellings).orElse(List.of()),
                    scope.executable().map(Criteria::spellings).orElse(List.of()),
                    scope.port().map(ProcessFacts::listeningSockets).orElse(Set.of()));
        }

        boolean hold(ProcessInfo p) {
            return patternsHold(p) && (scope.cwdUnder().isEmpty() || under(ProcessFacts.cwd(p.pid()), cwdRoots))
                    && (scope.executable().isEmpty() || runs(p.pid())) && (scope.user().isEmpty() || owned(p.pid()))
                    && (scope.port().isEmpty() || ProcessFacts.holdsSocket(p.pid(), sockets));
        }

        private boolean patternsHold(ProcessInfo p) {
            if (scope.patterns().isEmpty()) {
                return true;
            }
            for (Pattern pattern : scope.patterns()) {
                if (pattern.matcher(p.commandLine()).find()) {
                    return true;
                }
            }
            return false;
        }

        /** The kernel's program, or the first argument as started (a venv's bin/python is a link to /usr/bin). */
        private boolean runs(long pid) {
            if (under(ProcessFacts.exe(pid), programs)) {
                return true;
            }
            List<String> argv = ProcessFacts.argv(pid);
            if (argv.isEmpty() || !argv.get(0).contains("/")) {
                return false;
            }
            Path first = Path.of(argv.get(0));
            Optional<Path> absolute = first.isAbsolute() ? Optional.of(first)
                    : ProcessFacts.cwd(pid).map(cwd -> cwd.resolve(first));
            return under(absolute.map(Path::normalize), programs);
        }

        private boolean owned(long pid) {
            String wanted = scope.user().orElseThrow();
            if (wanted.chars().allMatch(Character::isDigit)) {
                return ProcessFacts.uid(pid).map(uid -> uid.toString().equals(wanted)).orElse(false);
            }
            return ProcessFacts.owner(pid).map(wanted::equals).orElse(false);
        }

        private static boolean under(Optional<Path> path, List<Path> roots) {
            return path.isPresent() && roots.stream().anyMatch(path.get()::startsWith);
        }

        /** The path as written (made absolute) and, when it exists, with its links resolved: /proc shows the latter. */
        private static List<Path> spellings(Path path) {
            Path absolute = path.toAbsolutePath().normalize();
            try {
                Path real = absolute.toRealPath();
                return real.equals(absolute) ? List.of(absolute) : List.of(absolute, real);
            } catch (IOException e) {
                return List.of(absolute);
            }
        }
    }
}
