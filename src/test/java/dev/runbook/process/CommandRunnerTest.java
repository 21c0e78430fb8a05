package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What exec promises about a command that runs to its end: exit codes, output, cwd, env, argv. */
class CommandRunnerTest {

    @TempDir
    Path dir;

    private final CommandRunner runner = new CommandRunner();

    @Test
    void exitCodesCountAsSuccessOnlyWhenExpected() throws Exception {
        CommandResult zero = runner.run(CommandSpec.argv("true"));
        assertThat(zero.exitCode()).isZero();
        assertThat(zero.ok()).isTrue();

        CommandSpec three = CommandSpec.shell("exit 3");
        CommandResult failed = runner.run(three);
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.describe(three)).isEqualTo("exit 3 (expected 0)");

        CommandSpec allowed = three.withExpectExit(Set.of(0, 3));
        assertThat(runner.run(allowed).ok()).isTrue();
        assertThat(runner.run(CommandSpec.argv("true").withExpectExit(Set.of(1))).ok()).isFalse();
    }

    @Test
    void argvElementsArriveIntactBecauseNoShellSeesThem() throws Exception {
        String tricky = "it's \"quoted\" $HOME `date` *; rm -rf x | y";
        CommandResult result = runner.run(CommandSpec.argv("printf", "[%s]\\n", "two words", tricky, ""));

        assertThat(result.stdout()).isEqualTo("[two words]\n[" + tricky + "]\n[]\n");
    }

    @Test
    void aShellLineRunsUnderShWithItsExpansions() throws Exception {
        CommandResult result = runner.run(CommandSpec.shell("echo one | tr o O; echo two >&2")
                .withEnv(Map.of("X", "1")));

        assertThat(result.stdout()).isEqualTo("One\n");
        assertThat(result.stderr()).isEqualTo("two\n");
    }

    @Test
    void workingDirectoryAndExtraEnvironmentAreApplied() throws Exception {
        CommandResult result = runner.run(CommandSpec.shell("pwd; echo \"$GREETING\"; echo \"${HOME:+home is set}\"")
                .withCwd(dir).withEnv(Map.of("GREETING", "hello world")));

        assertThat(result.stdout()).isEqualTo(dir.toRealPath() + "\nhello world\nhome is set\n");
    }

    @Test
    void aBareProgramNameIsLookedUpInThePathTheStepSets() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("venv/bin"));
        Path tool = bin.resolve("runbook-test-tool");
        Files.writeString(tool, "#!/bin/sh\necho \"tool from venv: $0\"\n");
        tool.toFile().setExecutable(true);

        CommandResult result = runner.run(CommandSpec.argv("runbook-test-tool")
                .withEnv(Map.of("PATH", bin + ":/usr/bin:/bin")));

        assertThat(result.stdout()).isEqualTo("tool from venv: " + tool + "\n");
    }

    @Test
    void stdinIsEmptySoACommandThatReadsItDoesNotWait() throws Exception {
        CommandResult result = runner.run(CommandSpec.argv("cat"));

        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void tailsKeepTheLast64KibAndTheLogFileKeepsEverything() throws Exception {
        Path log = dir.resolve("logs/step.log");
        String numbers = IntStream.rangeClosed(1, 40_000).mapToObj(i -> i + "\n").collect(Collectors.joining());
        CommandResult result = runner.run(CommandSpec.shell("seq 1 40000; seq 1 30000 | sed 's/^/e/' >&2")
                .withLog(log));

        assertThat(numbers.length()).isGreaterThan(3 * 65536);
        assertThat(result.stdout()).hasSize(65536).isEqualTo(numbers.substring(numbers.length() - 65536));
        assertThat(result.stderr()).hasSize(65536).endsWith("e29999\ne30000\n");
        // The two streams interleave in the log in arrival order; each arrives whole.
        String errors = IntStream.rangeClosed(1, 30_000).mapToObj(i -> "e" + i + "\n").collect(Collectors.joining());
        String logged = Files.readString(log);
        assertThat(logged.length()).isEqualTo(numbers.length() + errors.length());
        assertThat(lines(logged, false)).isEqualTo(numbers);
        assertThat(lines(logged, true)).isEqualTo(errors);
    }

    private static String lines(String text, boolean errors) {
        return text.lines().filter(l -> l.startsWith("e") == errors).map(l -> l + "\n").collect(Collectors.joining());
    }

    @Test
    void theLogIsAppendedToSoEveryAttemptStays() throws Exception {
        Path log = dir.resolve("step.log");
        runner.run(CommandSpec.argv("echo", "first").withLog(log));
        runner.run(CommandSpec.argv("echo", "second").withLog(log));

        assertThat(Files.readString(log)).isEqualTo("first\nsecond\n");
    }

    @Test
    void aProgramOrDirectoryThatDoesNotExistIsAnErrorBeforeAnythingRuns() {
        assertThatThrownBy(() -> runner.run(CommandSpec.argv("no-such-program-4711")))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot run no-such-program-4711: No such file or directory");
        assertThatThrownBy(() -> runner.run(CommandSpec.argv("true").withCwd(dir.resolve("missing"))))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot run true: working directory " + dir.resolve("missing") + " does not exist");
    }
}
