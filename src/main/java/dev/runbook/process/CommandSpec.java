package dev.runbook.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to run and how. {@code command} is the argv handed to the kernel: build it with
 * {@link #argv} (never touched by a shell) or {@link #shell} ({@code /bin/sh -c LINE}; the
 * template layer has already shell-quoted every inserted value). {@code timeout} null means none;
 * {@code grace} is how long a timed-out or cancelled tree gets between TERM and KILL; {@code log}
 * null means no log file; {@code secrets} are values shown as {@code ***} in the log (the run's
 * secret params).
 */
public record CommandSpec(List<String> command, Path cwd, Map<String, String> env, Duration timeout,
        Duration grace, Set<Integer> expectExit, Path log, List<String> secrets) {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    public static final String SH = "/bin/sh";

    public CommandSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        grace = grace == null ? DEFAULT_GRACE : grace;
        expectExit = expectExit == null || expectExit.isEmpty() ? Set.of(0) : Set.copyOf(expectExit);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            timeout = null;
        }
    }

    public static CommandSpec argv(List<String> argv) {
        return new CommandSpec(argv, null, null, null, null, null, null, null);
    }

    public static CommandSpec argv(String... argv) {
        return argv(List.of(argv));
    }

    public static CommandSpec shell(String line) {
        return argv(SH, "-c", line);
    }

    public CommandSpec withCwd(Path dir) {
        return new CommandSpec(command, dir, env, timeout, grace, expectExit, log, secrets);
    }

    public CommandSpec withEnv(Map<String, String> extra) {
        return new CommandSpec(command, cwd, extra, timeout, grace, expectExit, log, secrets);
    }

    public CommandSpec withTimeout(Duration limit) {
        return new CommandSpec(command, cwd, env, limit, grace, expectExit, log, secrets);
    }

    public CommandSpec withGrace(Duration termToKill) {
        return new CommandSpec(command, cwd, env, timeout, termToKill, expectExit, log, secrets);
    }

    public CommandSpec withExpectExit(Set<Integer> codes) {
        return new CommandSpec(command, cwd, env, timeout, grace, codes, log, secrets);
    }

    public CommandSpec withLog(Path file) {
        return new CommandSpec(command, cwd, env, timeout, grace, expectExit, file, secrets);
    }

    public CommandSpec withSecrets(List<String> values) {
        return new CommandSpec(command, cwd, env, timeout, grace, expectExit, log, values);
    }
}
