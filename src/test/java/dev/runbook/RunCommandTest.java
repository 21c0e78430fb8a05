package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runbook run as a user meets it: exit codes, events, masking, confirmation without a terminal. */
class RunCommandTest {

    private static final String RUNBOOK = """
            format: 1
            name: demo
            params:
              token: { type: string, secret: true, default: "s3cr'et" }
              fail: { type: bool, default: false }
            steps:
              - id: pause
                title: "Wait for {{ params.token }}"
                action: wait
                with: { duration: 20ms }
                undo: { action: wait, with: { duration: 1ms } }
              - id: check
                action: assert
                with: { that: "{{ not params.fail }}", message: "token {{ params.token }} refused" }
                on_error: rollback
            finally:
              - { id: done, action: wait, with: { duration: 1ms } }
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) throws Exception {
        Path file = dir.resolve("demo.yaml");
        Files.writeString(file, RUNBOOK);
        List<String> all = new ArrayList<>(List.of("run", file.toString(), "--state", dir.resolve("state").toString()));
        all.addAll(List.of(args));
        return Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void successfulRunExitsZeroAndSaysWhatRan() throws Exception {
        assertThat(run()).isZero();
        assertThat(err.toString()).contains("▶ pause  Wait for ***\n").contains("succeeded pause (Wait for ***) in ")
                .contains("succeeded: 3 of 3 steps ran (exit 0)").doesNotContain("s3cr'et");
    }

    @Test
    void jsonEventsAreOneObjectPerLineWithSecretsMasked() throws Exception {
        assertThat(run("--json", "-p", "fail=true")).isEqualTo(4);
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            events.add(new ObjectMapper().readTree(line));
        }
        assertThat(events).extracting(e -> e.get("event").asText() + (e.has("step") ? ":" + e.get("step").asText() : ""))
                .containsExactly("run_started", "step_started:pause", "step_finished:pause", "step_started:check",
                        "step_finished:check", "undo_started:pause", "step_started:pause:undo", "step_finished:pause:undo",
                        "step_started:done", "step_finished:done", "run_finished");
        assertThat(events.get(4).get("error").asText()).isEqualTo("token *** refused");
        // Titles, rendered and masked, beside the ids: the undo's is the step's own, marked as its undo.
        assertThat(events.get(2).get("title").asText()).isEqualTo("Wait for ***");
        assertThat(events.get(4).get("title").isNull()).isTrue();
        assertThat(events.get(5).get("title").asText()).isEqualTo("Wait for ***");
        assertThat(events.get(6).get("title").asText()).isEqualTo("Undo: Wait for ***");
        assertThat(events.get(7).get("title").asText()).isEqualTo("Undo: Wait for ***");
        assertThat(events.get(events.size() - 1).get("status").asText()).isEqualTo("rolled back");
        assertThat(out.toString()).doesNotContain("s3cr");
    }

    @Test
    void aSecretACommandPrintsIsMaskedInItsStepLog() throws Exception {
        Path file = dir.resolve("print.yaml");
        Files.writeString(file, """
                format: 1
                name: print
                params:
                  token: { type: string, secret: true }
                steps:
                  - { id: quick, action: exec, with: { shell: "echo token={{ params.token }}" } }
                  - { id: slow, action: exec, with: { shell: "sleep 0.1; echo again {{ params.token }} >&2" } }
                """);
        Path state = dir.resolve("state");
        assertThat(Main.execute(new String[] {"run", file.toString(), "--state", state.toString(), "-p",
                "token=hunter2-XYZ"}, new PrintWriter(out, true), new PrintWriter(err, true))).isZero();

        List<Path> logs;
        try (var found = Files.walk(state)) {
            logs = found.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        assertThat(logs).extracting(p -> p.getFileName().toString()).containsExactly("quick.log", "slow.log");
        assertThat(Files.readString(logs.get(0))).isEqualTo("token=***\n");
        assertThat(Files.readString(logs.get(1))).isEqualTo("again ***\n");
    }

    @Test
    void confirmationWithoutATerminalStopsUnlessYes() throws Exception {
        Path file = dir.resolve("gate.yaml");
        Files.writeString(file, "format: 1\nname: gate\nsteps:\n"
                + "  - { id: reset, action: wait, with: { duration: 1ms }, confirm: \"Reset main?\" }\n");
        String state = dir.resolve("state").toString();
        assertThat(Main.execute(new String[] {"run", file.toString(), "--state", state}, new PrintWriter(out, true),
                new PrintWriter(err, true))).isEqualTo(6);
        // Asked once, up front, before the first step (ApprovalTest has the whole story).
        assertThat(err.toString()).contains("  asks     reset: wait 1ms  [Reset main?]")
                .contains("runbook: 'Approve this step?' needs an answer and there is no terminal; run "
                + "with --yes to agree").doesNotContain("▶ reset");
        assertThat(Main.execute(new String[] {"run", file.toString(), "--state", state, "--yes"},
                new PrintWriter(out, true), new PrintWriter(err, true))).isZero();
    }

    @Test
    void dryRunPreviewsEveryStepAndEndsWithCoverage() throws Exception {
        // A probe that fails in a dry run is a step the real run would not get past: exit 7, named last.
        assertThat(run("--dry-run", "-p", "fail=true")).isEqualTo(7);
        assertThat(err.toString()).contains("previewed pause").contains("would wait 20ms")
                .contains("would fail check in").contains("previewed done")
                // finally steps run in every dry run too, so they count: pause, check and done.
                .contains("preview: 3 of 3 steps can be previewed from real state\n")
                .endsWith("gate: would stop at 1 step: check would fail: token *** refused\n");
    }

    @Test
    void everyRunIsJournaledAndShownWithSecretsMasked() throws Exception {
        assertThat(run("-p", "fail=true")).isEqualTo(4);
        String state = dir.resolve("state").toString();
        StringWriter history = new StringWriter();
        assertThat(Main.execute(new String[] {"history", "--state", state}, new PrintWriter(history, true),
                new PrintWriter(err, true))).isZero();
        String runId = history.toString().split("\n")[1].split(" ")[0];
        assertThat(history.toString()).contains(runId + "   demo").contains("rolled_back");
        StringWriter show = new StringWriter();
        assertThat(Main.execute(new String[] {"show", runId, "--state", state}, new PrintWriter(show, true),
                new PrintWriter(err, true))).isZero();
        assertThat(show.toString()).contains("params: {token=***, fail=true}")
                .contains("check                    #1 failed").contains("token *** refused")
                .contains("pause (Wait for ***)     #1 undone").contains("pause:undo (Undo: Wait for ***) #1 succeeded").doesNotContain("s3cr");
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("state/journal.db")))
                .asString(java.nio.charset.StandardCharsets.ISO_8859_1).doesNotContain("s3cr");
    }

    @Test
    void aSecondRunOfTheSameRunbookIsRefusedWithTheHolder() throws Exception {
        Path journalFile = dir.resolve("state/journal.db");
        try (dev.runbook.journal.Journal journal = dev.runbook.journal.Journal.open(journalFile)) {
            dev.runbook.journal.RunRecorder holder = journal.startRun(new dev.runbook.journal.RunStart("demo",
                    "0".repeat(64), java.util.Map.of(), java.util.Optional.empty(), false, "ops", "db1",
                    java.time.Instant.parse("2026-11-22T03:45:12Z")), dev.runbook.template.Masker.NONE);
            assertThat(run()).isEqualTo(5);
            assertThat(err.toString()).startsWith("runbook: runbook 'demo' is locked by run " + holder.runId()
                    + " (pid " + ProcessHandle.current().pid() + " on host db1, since 2026-11-22T03:45:12Z)\n")
                    .contains("hint: wait for it to end");
        }
    }

    @Test
    void dryRunCoverageLineOnceEveryDeclaredActionIsImplemented() throws Exception {
        // backup.restore was the last declared action without an implementation; since issue 4 every
        // declared action has one, so the line names none (StepRunner still names a missing one).
        dev.runbook.action.Implementations built = dev.runbook.action.Implementations.builtIn();
        assertThat(dev.runbook.action.ActionRegistry.builtIn().names()).allSatisfy(name ->
                assertThat(built.find(name)).as(name).isPresent());
        Path file = dir.resolve("db.yaml");
        Files.writeString(file, "format: 1\nname: db\nsteps:\n"
                + "  - { id: restore, action: backup.restore, with: { from: a, to: b } }\n");
        assertThat(Main.execute(new String[] {"run", file.toString(), "--dry-run", "--state", dir.resolve("s").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true))).isEqualTo(7);
        assertThat(err.toString()).contains("nothing to restore from: ")
                .contains("preview: 1 of 1 steps can be previewed from real state\n");
    }

    @Test
    void badParameterIsExitTwoBeforeAnythingRuns() throws Exception {
        assertThat(run("-p", "fail=maybe")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("runbook: -p fail: parameter 'fail' must be true or false, found "
                + "\"maybe\"\n");
    }
}
