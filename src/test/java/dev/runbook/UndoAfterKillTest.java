package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunStatus;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An undo is a run like any other: a real `runbook undo` JVM is killed with SIGKILL at three points
 * of the undo; `resume` of the undo run finishes it, no undo action that had completed runs twice,
 * the file restored by the first undo action stays restored, every step of the undone run ends
 * marked undone, and the journal passes integrity_check.
 */
class UndoAfterKillTest {

    private static final int STEPS = 5;
    /** Undo ledger lines at which to kill (the undos run s5 first, the config last). */
    private static final int[] KILL_POINTS = {1, 3, 5};

    @TempDir
    Path dir;

    @Test
    void anUndoKilledAtThreePointsIsFinishedByResumeWithoutRunningCompletedUndosAgain() throws Exception {
        for (int point = 0; point < KILL_POINTS.length; point++) {
            Path work = Files.createDirectories(dir.resolve("point" + point));
            Path runbook = runbook(work);
            Files.writeString(work.resolve("config.txt"), "version = 1\n");
            Files.writeString(work.resolve("release.txt"), "version = 2\n");
            Path state = work.resolve("state");
            StringWriter err = new StringWriter();
            assertThat(cli(err, "run", runbook.toString(), "--state", state.toString())).as(err.toString()).isZero();
            String forward = latest(state);
            assertThat(work.resolve("config.txt")).hasContent("version = 2");

            Path undoLedger = work.resolve("undo-ledger");
            Process child = startUndo(forward, state, work);
            awaitLines(undoLedger, KILL_POINTS[point], child);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed, not ended by itself").isEqualTo(137);

            String undo = latest(state);
            Set<String> doneBeforeKill;
            try (Journal journal = Journal.open(state.resolve("journal.db"))) {
                assertThat(journal.integrityCheck()).isEqualTo("ok");
                assertThat(journal.run(undo).orElseThrow().origin().undoes()).contains(forward);
                doneBeforeKill = journal.latestSteps(undo).stream().filter(s -> s.status() == StepStatus.SUCCEEDED)
                        .map(StepRecord::stepId).collect(Collectors.toSet());
            }
            // A second undo of the same run is refused while this one is unfinished.
            assertThat(cli(err, "undo", forward, "--yes", "--state", state.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("'runbook resume " + undo + "' finishes that undo");

            int code = cli(err, "resume", undo, "--yes", "--state", state.toString());
            if (code == 6) {
                // The undo action's command may outlive the killed JVM (a survivor), and it is not idempotent.
                assertThat(err.toString()).containsAnyOf("was cut off mid-way in run " + undo, "--stop-survivors");
                code = cli(err, "resume", undo, "--yes", "--retry-interrupted", "--stop-survivors", "--state",
                        state.toString());
            }
            assertThat(code).as("point %d: %s", point, err).isZero();

            Map<String, Long> times = Files.readAllLines(undoLedger).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(times.keySet()).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5");
            for (String done : doneBeforeKill) {
                assertThat(times.get(done.replace(":undo", ""))).as("point %d: %s completed before the kill", point,
                        done).isEqualTo(1);
            }
            assertThat(work.resolve("config.txt")).hasContent("version = 1");
            try (Journal journal = Journal.open(state.resolve("journal.db"))) {
                assertThat(journal.run(undo).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(journal.latestSteps(forward)).allSatisfy(s -> assertThat(s.status()).as(s.stepId())
                        .isEqualTo(StepStatus.UNDONE));
                assertThat(journal.steps(undo)).noneMatch(StepRecord::running);
                assertThat(journal.integrityCheck()).isEqualTo("ok");
            }
        }
    }

    /** A config file replaced first, then five steps whose undos take long enough to be killed inside. */
    private static Path runbook(Path work) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                format: 1
                name: kill-undo
                steps:
                  - id: config
                    action: file.restore
                    with: { from: "WORK/release.txt", to: "WORK/config.txt" }
                    undo: { action: file.restore, with: { from: "{{ steps.config.outputs.kept_as }}", to: "WORK/config.txt" } }
                """);
        for (int n = 1; n <= STEPS; n++) {
            yaml.append("  - id: s").append(n).append('\n')
                    .append("    action: exec\n")
                    .append("    with: { shell: \"echo s").append(n).append(" >> WORK/ledger\" }\n")
                    .append("    undo: { action: exec, with: { shell: \"echo s").append(n)
                    .append(" >> WORK/undo-ledger; sleep 0.4\" } }\n");
        }
        Path file = work.resolve("kill-undo.yaml");
        Files.writeString(file, yaml.toString().replace("WORK", work.toString()));
        return file;
    }

    private static Process startUndo(String runId, Path state, Path work) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName(),
                "undo", runId, "--yes", "--state", state.toString()));
        return new ProcessBuilder(command).redirectOutput(work.resolve("out").toFile())
                .redirectError(work.resolve("err").toFile()).start();
    }

    private static void awaitLines(Path ledger, int lines, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(ledger) && Files.readAllLines(ledger).size() >= lines) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the undo ended before the kill point (" + child.exitValue() + ")");
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the undo ledger never reached " + lines + " lines");
    }

    private static String latest(Path state) {
        try (Journal journal = Journal.open(state.resolve("journal.db"))) {
            return journal.history(1).get(0).id();
        }
    }

    private static int cli(StringWriter err, String... args) {
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>();
        Collections.addAll(all, args);
        return Main.execute(all.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }
}
