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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash-safety promise end to end: a real `runbook run` JVM is killed with SIGKILL at ten
 * points of a 30-step run; after each, `resume` completes the run, no step that had completed runs
 * twice, and the journal passes integrity_check. Every third step is idempotent, so some kills land
 * on a step resume may simply run again and others on one it must refuse until --retry-interrupted.
 */
class ResumeAfterKillTest {

    private static final int STEPS = 30;
    /** Ledger lines at which to kill: on steps 3, 6, ... (idempotent) and on the others. */
    private static final int[] KILL_POINTS = {1, 3, 5, 9, 13, 15, 20, 24, 26, 29};

    @TempDir
    Path dir;

    @Test
    void killedAtTenPointsAndResumedEachTimeNoCompletedStepRunsTwice() throws Exception {
        Path runbook = dir.resolve("thirty.yaml");
        Files.writeString(runbook, thirtySteps());
        int refusals = 0;
        int rerunWithoutAsking = 0;
        int survivorsFound = 0;
        for (int point = 0; point < 10; point++) {
            Path work = Files.createDirectories(dir.resolve("point" + point));
            Path ledger = work.resolve("ledger");
            int killAfterLines = KILL_POINTS[point];
            Process child = startRun(runbook, work);
            awaitLines(ledger, killAfterLines, child);
            if (point % 2 == 1) {
                Thread.sleep(25); // sometimes later inside the step than others
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed, not ended by itself").isEqualTo(137);

            Path state = work.resolve("state");
            String runId;
            Set<String> completedBeforeKill;
            boolean cutOff;
            try (Journal journal = Journal.open(state.resolve("journal.db"))) {
                assertThat(journal.integrityCheck()).isEqualTo("ok");
                runId = journal.history(1).get(0).id();
                List<StepRecord> latest = journal.latestSteps(runId);
                completedBeforeKill = latest.stream().filter(s -> s.status() == StepStatus.SUCCEEDED)
                        .map(StepRecord::stepId).collect(Collectors.toSet());
                cutOff = latest.stream().anyMatch(StepRecord::running);
            }

            StringWriter err = new StringWriter();
            int code = resume(state, runId, err);
            if (code == 6 && err.toString().contains("left commands running when its process died")) {
                // The killed step's command (sleep 0.4) outlived the runbook: resume refuses to run it again
                // beside it, until it has ended (SurvivorResumeTest covers this case itself).
                survivorsFound++;
                Thread.sleep(600);
                code = resume(state, runId, err);
            }
            if (code == 6) {
                refusals++;
                assertThat(err.toString()).contains("was cut off mid-way in run " + runId + " and is not idempotent")
                        .contains("--retry-interrupted");
                code = resume(state, runId, err, "--retry-interrupted");
            } else if (cutOff) {
                rerunWithoutAsking++;
            }
            assertThat(code).as("point %d: %s", point, err).isZero();

            List<String> ran = Files.readAllLines(ledger);
            Map<String, Long> times = ran.stream().collect(Collectors.groupingBy(Function.identity(),
                    Collectors.counting()));
            assertThat(times.keySet()).as("every step ran").containsExactlyInAnyOrderElementsOf(ids());
            for (String done : completedBeforeKill) {
                assertThat(times.get(done)).as("point %d: %s completed before the kill", point, done).isEqualTo(1);
            }
            try (Journal journal = Journal.open(state.resolve("journal.db"))) {
                assertThat(journal.run(runId).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
                Map<String, Long> succeeded = journal.steps(runId).stream()
                        .filter(s -> s.status() == StepStatus.SUCCEEDED)
                        .collect(Collectors.groupingBy(StepRecord::stepId, Collectors.counting()));
                assertThat(succeeded).hasSize(STEPS).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
                assertThat(journal.steps(runId)).noneMatch(StepRecord::running);
                assertThat(journal.integrityCheck()).isEqualTo("ok");
            }
        }
        // Kills did land inside steps, and both ways on from there were taken.
        assertThat(refusals).isPositive();
        assertThat(rerunWithoutAsking).isPositive();
        assertThat(survivorsFound).as("a command outlived a kill at least once").isPositive();
    }

    private static String thirtySteps() {
        StringBuilder yaml = new StringBuilder("format: 1\nname: thirty\nparams:\n  ledger: { type: path }\nsteps:\n");
        for (String id : ids()) {
            int n = Integer.parseInt(id.substring(1));
            yaml.append("  - id: ").append(id).append('\n')
                    .append("    action: exec\n")
                    .append(n % 3 == 0 ? "    idempotent: true\n" : "")
                    .append("    with: { shell: \"echo ").append(id).append(" >> {{ params.ledger }}; sleep ")
                    .append(killedIn(n) ? "0.4" : "0.02").append("\" }\n");
        }
        return yaml.toString();
    }

    /**
     * The steps a kill point aims at take longer, so the kill lands inside them whatever the
     * machine's speed: with 20 ms a fast poll could miss it and land in the next step.
     */
    private static boolean killedIn(int step) {
        return java.util.Arrays.stream(KILL_POINTS).anyMatch(k -> k == step);
    }

    private static List<String> ids() {
        return IntStream.rangeClosed(1, STEPS).mapToObj(i -> String.format("s%02d", i)).toList();
    }

    private Process startRun(Path runbook, Path work) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName(),
                "run", runbook.toString(), "-p", "ledger=" + work.resolve("ledger"), "--state",
                work.resolve("state").toString()));
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
                throw new AssertionError("the run ended before the kill point (" + child.exitValue() + ")");
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the ledger never reached " + lines + " lines");
    }

    private static int resume(Path state, String runId, StringWriter err, String... extra) {
        List<String> args = new ArrayList<>(List.of("resume", runId, "--state", state.toString()));
        Collections.addAll(args, extra);
        err.getBuffer().setLength(0);
        return Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }
}
