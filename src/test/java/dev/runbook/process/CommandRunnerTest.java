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

    @Test
    void aCommandThatEndedQuicklyHasItsOutputReadAfterwardsWithoutPumps() throws Exception {
        Path log = dir.resolve("quick.log");
        RunningCommand running = runner.start(CommandSpec.shell("echo out; echo err >&2; exit 4")
                .withExpectExit(Set.of(4)).withLog(log));
        // Await only once it has ended, so the quick path is taken however slow the machine is.
        ProcessHandle.of(running.pid()).ifPresent(handle -> handle.onExit().join());
        CommandResult result = running.await();

        assertThat(running.pumped()).isFalse();
        assertThat(result.ok()).isTrue();
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(Files.readString(log)).as("standard output first, then standard error").isEqualTo("out\nerr\n");
    }

    @Test
    void aCommandStillRunningHasItsOutputPumpedToTheLogAsItComes() throws Exception {
        Path log = dir.resolve("slow.log");
        RunningCommand running = runner.start(CommandSpec.shell("echo first; echo oops >&2; sleep 1.5; echo second")
                .withLog(log));
        long until = System.nanoTime() + 1_000_000_000L;
        java.util.concurrent.CompletableFuture<CommandResult> awaited =
                java.util.concurrent.CompletableFuture.supplyAsync(running::await);
        while (System.nanoTime() < until && !(Files.exists(log) && Files.readString(log).contains("oops"))) {
            Live.pause(10);
        }
        String whileRunning = Files.exists(log) ? Files.readString(log) : "";
        CommandResult result = awaited.get();

        assertThat(whileRunning).as("the log while the command still sleeps").contains("first\n", "oops\n")
                .doesNotContain("second");
        assertThat(running.pumped()).isTrue();
        assertThat(result.stdout()).isEqualTo("first\nsecond\n");
        assertThat(result.stderr()).isEqualTo("oops\n");
        assertThat(Files.readString(log)).endsWith("second\n");
    }

    @Test
    void aTimeoutShorterThanTheQuickWaitStillEndsTheCommand() throws Exception {
        CommandResult result = runner.run(CommandSpec.argv("sleep", "5").withTimeout(java.time.Duration.ofMillis(3))
                .withGrace(java.time.Duration.ofMillis(100)));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.ok()).isFalse();
        assertThat(result.duration()).isLessThan(java.time.Duration.ofSeconds(4));
    }

    @Test
    void secretValuesAreMaskedInTheLogButNotInTheOutputs() throws Exception {
        Path quick = dir.resolve("quick-secret.log");
        RunningCommand running = runner.start(CommandSpec.shell("echo token=hunter2; echo bad hunter2 >&2")
                .withLog(quick).withSecrets(java.util.List.of("hunter2")));
        ProcessHandle.of(running.pid()).ifPresent(handle -> handle.onExit().join());
        CommandResult fast = running.await();
        Path slow = dir.resolve("slow-secret.log");
        CommandResult pumped = runner.run(CommandSpec.shell("sleep 0.2; echo token=hunter2; echo bad hunter2 >&2")
                .withLog(slow).withSecrets(java.util.List.of("hunter2")));

        assertThat(Files.readString(quick)).isEqualTo("token=***\nbad ***\n");
        assertThat(Files.readString(slow)).contains("token=***\n", "bad ***\n").doesNotContain("hunter2");
        // The outputs feed later steps' templates; the journal and the events mask them.
        assertThat(fast.stdout()).isEqualTo("token=hunter2\n");
        assertThat(pumped.stderr()).isEqualTo("bad hunter2\n");
    }
}
