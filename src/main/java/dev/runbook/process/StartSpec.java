package dev.runbook.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What process.start runs: {@code command} as for exec ({@link CommandSpec#argv} or
 * {@link CommandSpec#shell}; with a shell, {@code exec server ...} makes the pid the server's),
 * the log file that gets its stdout and stderr, the pidfile (null for none), when it counts as
 * ready and for how long to wait, and the grace period for stopping it if it never gets ready.
 */
public record StartSpec(List<String> command, Path cwd, Map<String, String> env, Path log, Path pidfile,
        Readiness readiness, Duration readyTimeout, Duration grace) {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);

    public StartSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        if (log == null) {
            throw new IllegalArgumentException("a started process needs a log file");
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        readiness = readiness == null ? Readiness.none() : readiness;
        readyTimeout = readyTimeout == null ? DEFAULT_READY_TIMEOUT : readyTimeout;
        grace = grace == null ? CommandSpec.DEFAULT_GRACE : grace;
    }

    public static StartSpec of(List<String> command, Path log) {
        return new StartSpec(command, null, null, log, null, null, null, null);
    }

    public StartSpec withCwd(Path dir) {
        return new StartSpec(command, dir, env, log, pidfile, readiness, readyTimeout, grace);
    }

    public StartSpec withEnv(Map<String, String> extra) {
        return new StartSpec(command, cwd, extra, log, pidfile, readiness, readyTimeout, grace);
    }

    public StartSpec withPidfile(Path file) {
        return new StartSpec(command, cwd, env, log, file, readiness, readyTimeout, grace);
    }

    public StartSpec withReadiness(Readiness ready, Duration timeout) {
        return new StartSpec(command, cwd, env, log, pidfile, ready, timeout, grace);
    }

    public StartSpec withGrace(Duration termToKill) {
        return new StartSpec(command, cwd, env, log, pidfile, readiness, readyTimeout, termToKill);
    }
}
