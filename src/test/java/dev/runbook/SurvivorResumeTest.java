package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.journal.CommandRecord;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real runbook process is killed with SIGKILL while its step's command runs; the command
 * survives it (a JVM sends its children nothing when it dies). The journal has the command's pid and
 * start time; resume finds the survivor, says so and refuses (starting no second copy); with
 * --stop-survivors it ends it first and completes the run.
 */
@Timeout(120)
class SurvivorResumeTest {

    @TempDir
    Path dir;

    private Process runbook;
    private final String marker = "59." + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);

    @AfterEach
    void cleanUp() {
        if (runbook != null) {
            runbook.destroyForcibly();
        }
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aCommandThatOutlivedItsRunbookIsFoundByPidAndStartTimeAndNeverRunTwice() throws Exception {
        Path ledger = dir.resolve("ledger");
        Path file = Files.writeString(dir.resolve("long.yaml"), """
                format: 1
                name: long
                steps:
                  - id: migrate
                    action: exec
                    with: { shell: "echo started >> %s; [ $(wc -l < %s) -gt 1 ] || sleep %s" }
                """.formatted(ledger, ledger, marker));
        Path state = dir.resolve("state");
        runbook = start(file, state);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ledger) || sleepers().isEmpty()) {
            assertThat(System.nanoTime()).as("the command started").isLessThan(until);
            Thread.sleep(20);
        }
        Thread.sleep(300); // the journal's queue commits within 100 ms
        runbook.destroyForcibly();
        assertThat(runbook.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<ProcessHandle> survivors = sleepers();
        assertThat(survivors).as("the command outlived the runbook").hasSize(1);

        String runId;
        try (Journal journal = Journal.open(state.resolve("journal.db"))) {
            runId = journal.history(1).stream().map(RunRecord::id).findFirst().orElseThrow();
            List<CommandRecord> commands = journal.commands(runId);
            assertThat(commands).hasSize(1);
            assertThat(commands.get(0).stepId()).isEqualTo("migrate");
            assertThat(commands.get(0).attempt()).isEqualTo(1);
            assertThat(commands.get(0).startMark()).isPresent();
            assertThat(commands.get(0).token()).startsWith(runId + "/migrate/");
        }

        StringWriter err = new StringWriter();
        int refused = resume(state, runId, err);
        assertThat(refused).as(err.toString()).isEqualTo(6);
        assertThat(err.toString()).contains("run " + runId + " left commands running when its process died: pid ")
                .contains("--stop-survivors");
        assertThat(running(survivors.get(0).pid())).as("left running").isTrue();
        assertThat(Files.readAllLines(ledger)).as("no second copy started").hasSize(1);

        err.getBuffer().setLength(0);
        int done = resume(state, runId, err, "--stop-survivors", "--retry-interrupted");
        assertThat(done).as(err.toString()).isZero();
        assertThat(err.toString()).contains("ended what run " + runId + " left running: pid ");
        assertThat(running(survivors.get(0).pid())).as("ended (a zombie its new parent has not reaped is gone)")
                .isFalse();
        assertThat(sleepers()).isEmpty();
        assertThat(Files.readAllLines(ledger)).as("run again once, after the survivor ended").hasSize(2);
    }

    @Test
    void whatAReadOnlyStepLeftRunningIsEndedWithoutAskingAndTheStepRunsOnce() throws Exception {
        Path ledger = dir.resolve("ledger");
        Path file = Files.writeString(dir.resolve("look.yaml"), """
                format: 1
                name: look
                steps:
                  - id: look
                    action: exec
                    readonly: true
                    with: { shell: "echo look >> %s; [ $(wc -l < %s) -gt 1 ] || sleep %s" }
                """.formatted(ledger, ledger, marker));
        Path state = dir.resolve("state");
        runbook = start(file, state);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ledger) || sleepers().isEmpty()) {
            assertThat(System.nanoTime()).as("the command started").isLessThan(until);
            Thread.sleep(20);
        }
        Thread.sleep(300);
        runbook.destroyForcibly();
        assertThat(runbook.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<ProcessHandle> survivors = sleepers();
        assertThat(survivors).hasSize(1);
        String runId;
        try (Journal journal = Journal.open(state.resolve("journal.db"))) {
            runId = journal.history(1).get(0).id();
        }

        StringWriter err = new StringWriter();
        assertThat(resume(state, runId, err)).as(err.toString()).isZero();
        assertThat(err.toString()).contains("ended what run " + runId + " left running in steps that change nothing: pid ");
        assertThat(running(survivors.get(0).pid())).isFalse();
        assertThat(Files.readAllLines(ledger)).containsExactly("look", "look");
    }

    /** Running, as /proc says: a zombie (state Z) is not (ProcessHandle.isAlive counts it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private List<ProcessHandle> sleepers() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").equals("/usr/bin/sleep "
                + marker) || p.info().commandLine().orElse("").equals("/bin/sleep " + marker)).toList();
    }

    private static int resume(Path state, String runId, StringWriter err, String... extra) {
        List<String> args = new ArrayList<>(List.of("resume", runId, "--state", state.toString()));
        args.addAll(List.of(extra));
        return Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }

    private Process start(Path file, Path state) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName(), "run",
                file.toString(), "--state", state.toString());
        return new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
    }
}
