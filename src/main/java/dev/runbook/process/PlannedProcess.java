package dev.runbook.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A process a dry run's earlier {@code process.start} would start, before it exists: its argv,
 * working directory (empty: the runner's), pidfile and the port it is ready on (taken as the one it
 * listens on). {@link #selectedBy} says whether a later {@code process.stop} would pick it, from
 * these alone; its pid cannot be known before it runs.
 */
public record PlannedProcess(List<String> argv, Optional<Path> cwd, Optional<Path> pidfile, Optional<Integer> port) {

    public PlannedProcess {
        argv = List.copyOf(argv);
    }

    /** Its arguments joined with spaces, as {@link ProcessInfo#commandLine()} and the patterns see them. */
    public String commandLine() {
        return String.join(" ", argv);
    }

    /** Whether a stop by this scope (and, when given, this pidfile) would pick this process. */
    public boolean selectedBy(ProcessScope scope, Optional<Path> stopPidfile) {
        if (stopPidfile.isPresent() ? !stopPidfile.map(PlannedProcess::key).equals(pidfile.map(PlannedProcess::key))
                : !scope.selects()) {
            return false;
        }
        Path dir = key(cwd.orElse(Path.of("")));
        return (scope.patterns().isEmpty() || scope.patterns().stream().anyMatch(p -> p.matcher(commandLine()).find()))
                && scope.cwdUnder().map(root -> dir.startsWith(key(root))).orElse(true)
                && scope.executable().map(exe -> argv.get(0).contains("/")
                        && key(dir.resolve(argv.get(0))).startsWith(key(exe))).orElse(true)
                && scope.user().map(PlannedProcess::isRunner).orElse(true)
                && scope.port().map(wanted -> port.equals(Optional.of(wanted))).orElse(true);
    }

    /** process.start starts its process as the user running the runbook. */
    private static boolean isRunner(String user) {
        long self = ProcessHandle.current().pid();
        return user.chars().allMatch(Character::isDigit) ? ProcessFacts.uid(self).map(uid -> uid.toString().equals(user))
                .orElse(false) : ProcessFacts.owner(self).map(user::equals).orElse(false);
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
