package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.cli.Main;
import dev.runbook.journal.Failure;
import dev.runbook.journal.Journal;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.Verdict;
import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a step failed is a value that reaches every output: real runs (a real SQLite file, real
 * child processes, a real SIGTERM) end refused, failed, checked, timed out, interrupted or failed
 * verification, and the journal's column, the {@code --json} event, {@code runbook show} and the
 * Markdown and JUnit reports each carry that kind, never guessed from the error's wording.
 */
class FailureKindsTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    @Test
    void aBackupOntoAnExistingFileIsRefusedBeforeChangingAnything() throws Exception {
        database(dir.resolve("app.db"));
        Files.writeString(dir.resolve("taken.db"), "kept");
        Path runbook = runbook("""
                  - { id: backup, action: sqlite.backup, with: { db: "%s", to: "%s" } }
                """.formatted(dir.resolve("app.db"), dir.resolve("taken.db")));
        assertThat(cli.run("run", runbook.toString(), "--json")).isEqualTo(1);
        assertThat(finished("backup").get("failure").asText()).isEqualTo("refused");
        assertThat(Files.readString(dir.resolve("taken.db"))).isEqualTo("kept");
        assertRecorded("backup", Failure.REFUSED, "[refused before changing anything]");
    }

    @Test
    void aDryRunSaysAsAValueThatTheBackupWouldRefuse() throws Exception {
        database(dir.resolve("app.db"));
        Files.writeString(dir.resolve("taken.db"), "kept");
        Path runbook = runbook("""
                  - { id: backup, action: sqlite.backup, with: { db: "%s", to: "%s" } }
                """.formatted(dir.resolve("app.db"), dir.resolve("taken.db")));
        cli.run("run", runbook.toString(), "--dry-run", "--json");
        JsonNode event = finished("backup");
        assertThat(event.get("verdict").asText()).isEqualTo("refuses");
        assertThat(event.get("failure").asText()).isEqualTo("none");
        assertThat(latest("backup").verdict()).contains(Verdict.REFUSES);
        assertThat(cli.run("show", cli.latestRun())).isZero();
        assertThat(cli.out()).containsPattern("backup +#1 would_refuse .*\\[would refuse\\]");
    }

    @Test
    void aCommandThatFailsMayHaveChangedSomethingAndACheckDidNot() throws Exception {
        Path runbook = runbook("""
                  - { id: check, action: assert, with: { that: "{{ 1 > 2 }}" }, on_error: continue }
                  - { id: migrate, needs: [], action: exec, with: { cmd: [sh, -c, "exit 3"] } }
                """);
        assertThat(cli.run("run", runbook.toString(), "--json")).isEqualTo(1);
        assertThat(finished("check").get("failure").asText()).isEqualTo("check_failed");
        assertThat(finished("migrate").get("failure").asText()).isEqualTo("failed");
        assertRecorded("check", Failure.CHECK_FAILED, "[check failed, changed nothing]");
        assertRecorded("migrate", Failure.FAILED, "[failed, may have changed something]");
    }

    @Test
    void aStepItsTimeoutEndedTimedOut() throws Exception {
        Path runbook = runbook("""
                  - { id: slow, action: exec, timeout: 300ms, with: { cmd: [sleep, "30"] } }
                """);
        assertThat(cli.run("run", runbook.toString(), "--json")).isEqualTo(1);
        assertThat(finished("slow").get("failure").asText()).isEqualTo("timed_out");
        assertRecorded("slow", Failure.TIMED_OUT, "[timed out, may have changed something]");
    }

    @Test
    void aStepWhoseVerifyCheckFailsFailedVerification() throws Exception {
        Path runbook = runbook("""
                  - id: deploy
                    action: exec
                    with: { cmd: ["true"] }
                    verify:
                      - assert: { that: "{{ 1 > 2 }}", message: "the new version does not answer" }
                """);
        assertThat(cli.run("run", runbook.toString(), "--json")).isEqualTo(3);
        assertThat(finished("deploy").get("failure").asText()).isEqualTo("verify_failed");
        assertRecorded("deploy", Failure.VERIFY_FAILED, "[changed, then failed verification]");
    }

    @Test
    void aStepASignalEndedWasInterrupted() throws Exception {
        Path started = dir.resolve("started");
        Path runbook = runbook("""
                  - { id: long, action: exec, with: { shell: "touch %s && sleep 60" } }
                """.formatted(started));
        Process child = child(runbook);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.exists(started) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(started).exists();
            child.destroy(); // SIGTERM: the shutdown hook interrupts the engine
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isIn(130, 143); // the JVM ends as SIGTERM's 143 after its hooks ran
        List<JsonNode> events = events(Files.readString(dir.resolve("child.out")));
        assertThat(finished(events, "long").get("failure").asText()).isEqualTo("interrupted");
        assertRecorded("long", Failure.INTERRUPTED, "[interrupted, may have changed something]");
    }

    /** The journal's column, show's line and both reports for the step's last attempt. */
    private void assertRecorded(String step, Failure failure, String shown) throws Exception {
        assertThat(latest(step).failure()).contains(failure);
        String runId = cli.latestRun();
        assertThat(cli.run("show", runId)).isZero();
        assertThat(cli.out()).contains(shown);
        assertThat(cli.run("report", runId)).isZero();
        assertThat(cli.out()).contains("(" + failure.sentence() + ")");
        assertThat(cli.run("report", runId, "--format", "junit")).isZero();
        assertThat(cli.out()).contains("outcome: " + failure.sentence());
    }

    private StepRecord latest(String step) {
        try (Journal journal = Journal.open(cli.state().resolve("journal.db"))) {
            return journal.steps(cli.latestRun()).stream().filter(s -> s.stepId().equals(step))
                    .reduce((first, second) -> second).orElseThrow();
        }
    }

    private JsonNode finished(String step) throws Exception {
        return finished(events(cli.out()), step);
    }

    private static JsonNode finished(List<JsonNode> events, String step) {
        Optional<JsonNode> event = events.stream().filter(e -> e.get("event").asText().equals("step_finished")
                && e.get("step").asText().equals(step)).findFirst();
        return event.orElseThrow(() -> new AssertionError("no step_finished for " + step + " in " + events));
    }

    private static List<JsonNode> events(String out) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                events.add(new ObjectMapper().readTree(line));
            }
        }
        return events;
    }

    private Path runbook(String steps) throws Exception {
        Path file = dir.resolve("kinds.yaml");
        Files.writeString(file, "format: 1\nname: kinds\nsteps:\n" + steps);
        return file;
    }

    private static void database(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE t (x INTEGER)");
            sql.execute("INSERT INTO t VALUES (1)");
        }
    }

    private Process child(Path runbook) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName(), "run",
                runbook.toString(), "--json", "--state", cli.state().toString());
        return new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(dir.resolve("child.out").toFile())
                .redirectError(dir.resolve("child.err").toFile()).start();
    }
}
