package dev.runbook.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.action.ActionRegistry;
import dev.runbook.engine.RunStatus;
import dev.runbook.journal.Journal;
import dev.runbook.plan.PlanRequest;
import dev.runbook.validate.CheckedRunbook;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application service without the command line: run, resume and undo each through one entry,
 * on a real journal in a temporary state folder and real commands; refusals come back as kinds.
 */
class RunsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Settings settings(boolean dryRun) {
        return new Settings(dryRun, 1, true, false, new StateFolder(dir.resolve("state"), Optional.empty()),
                new PrintWriter(out, true), new PrintWriter(err, true), (result, dry, partial) -> 42,
                dev.runbook.files.RestoreHooks.standard());
    }

    /** Two steps; the second fails until a flag file exists; each appends its id to a ledger. */
    private RunRequest flaky() throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, """
                format: 1
                name: flaky
                steps:
                  - id: one
                    action: exec
                    with: { shell: "echo one >> DIR/ledger" }
                    undo: { action: exec, with: { shell: "echo undo-one >> DIR/ledger" } }
                  - id: two
                    action: exec
                    with: { shell: "echo two >> DIR/ledger; test -f DIR/flag" }
                """.replace("DIR", dir.toString()));
        CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(file.toString()), ActionRegistry.builtIn());
        assertThat(checked.problems()).isEmpty();
        GivenParams given = new GivenParams(Map.of(), Map.of(), List.of());
        return new RunRequest(file.toString(), checked, given, PlanRequest.all(), Optional.empty());
    }

    @Test
    void runThenResumeThenUndoEachThroughOneEntry() throws Exception {
        Runs runs = new Runs(settings(false));
        Ran failed = runs.run(flaky());
        assertThat(failed.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.plan()).isPresent();

        Files.writeString(dir.resolve("flag"), "");
        ResumeRequest resume = new ResumeRequest(failed.runId(), false, false, false, runbook -> Map.of());
        Ran resumed = runs.resume(resume).orElseThrow();
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.resume(resume)).as("a run that succeeded has nothing to resume").isEmpty();

        try (UndoPreparation prepared = runs.prepareUndo(new UndoRequest(failed.runId(), false, false,
                runbook -> Map.of()))) {
            assertThat(prepared.partial()).as("'two' changed something and declares no undo").isTrue();
            assertThatThrownBy(() -> runs.undo(prepared)).as("not accepted: refused by the service itself")
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind())
                            .isEqualTo(Refusal.Kind.NEEDS_DECISION));
        }
        Ran undone;
        try (UndoPreparation prepared = runs.prepareUndo(new UndoRequest(failed.runId(), true, false,
                runbook -> Map.of()))) {
            assertThat(prepared.plan().steps()).hasSize(1);
            undone = runs.undo(prepared);
        }
        assertThat(undone.exitCode()).as("the undo's exit code is the caller's").isEqualTo(42);
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("one", "two", "two", "undo-one");
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.run(undone.runId()).orElseThrow().origin().undoes()).contains(failed.runId());
        }
    }

    @Test
    void aDryRunCannotBeResumedAndTheRefusalSaysWhyAsAKind() throws Exception {
        Ran preview = new Runs(settings(true)).run(flaky());
        assertThat(dir.resolve("ledger")).doesNotExist();

        assertThatThrownBy(() -> new Runs(settings(false)).resume(new ResumeRequest(preview.runId(), false, false,
                false, runbook -> Map.of())))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID))
                .hasMessage("run " + preview.runId() + " was a dry run: it changed nothing, so there is nothing to "
                        + "resume");
    }

    @Test
    void aStateFolderWithoutAJournalIsNoInputAndNoJournalIsCreated() {
        assertThatThrownBy(() -> new Runs(settings(false)).prepareUndo(new UndoRequest("r1", false, false,
                runbook -> Map.of())))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NO_INPUT))
                .hasMessage("no journal at " + dir.resolve("state").resolve("journal.db"));
        assertThat(dir.resolve("state/journal.db")).doesNotExist();
    }
}
