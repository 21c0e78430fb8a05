package dev.runbook.journal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where runs keep their journal, logs and forensics: one place per user (or per machine for root),
 * whatever directory a run is started from, so history is one and the lock sees every run.
 * {@code --state DIR} first, then {@code RUNBOOK_STATE}, then {@code /var/lib/runbook} for root,
 * {@code $XDG_STATE_HOME/runbook} or {@code ~/.local/state/runbook} for anyone else (the XDG base
 * directory specification's place for state that outlives a process but is not configuration).
 */
public final class StateDirectory {

    public static final String ENV = "RUNBOOK_STATE";
    /** Where versions before this one kept the journal: {@code .runbook} in the working directory. */
    public static final String OLD_DEFAULT = ".runbook";

    private StateDirectory() {
    }

    /** The state folder, absolute; {@code given} is {@code --state}. */
    public static Path resolve(Optional<Path> given, Map<String, String> env, boolean root, Path home) {
        if (given.isPresent()) {
            return given.get().toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        if (root) {
            return Path.of("/var/lib/runbook");
        }
        String xdg = env.get("XDG_STATE_HOME");
        // The specification: a relative XDG_STATE_HOME is invalid and is ignored.
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local").resolve("state");
        return base.resolve("runbook").toAbsolutePath().normalize();
    }

    /** For this process: its environment, whether it is root, its home. */
    public static Path resolve(Optional<Path> given) {
        return resolve(given, System.getenv(), "root".equals(System.getProperty("user.name")),
                Path.of(System.getProperty("user.home")));
    }

    /**
     * The journal an earlier version kept in the working directory, when the default state folder is
     * in use (an explicit --state or RUNBOOK_STATE says where the runs are) and it exists.
     */
    public static Optional<Path> oldJournal(Path workingDirectory, Optional<Path> given, Map<String, String> env) {
        if (!defaulted(given, env)) {
            return Optional.empty();
        }
        Path old = workingDirectory.toAbsolutePath().resolve(OLD_DEFAULT).resolve("journal.db");
        return java.nio.file.Files.exists(old) ? Optional.of(old) : Optional.empty();
    }

    /** Whether this process gives no --state and no RUNBOOK_STATE (so the old working-directory journal may be meant). */
    public static boolean defaulted(Optional<Path> given, Map<String, String> env) {
        return given.isEmpty() && (env.get(ENV) == null || env.get(ENV).isBlank());
    }
}
