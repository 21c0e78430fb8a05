package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.journal.Journal;
import dev.runbook.journal.RunStatus;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `runbook undo` of a run that failed without a rollback (the operator chose to look first): the
 * steps that completed are reversed last first on real files; the step that failed and the steps
 * never reached are left alone, and the run is marked as undone step by step.
 */
class UndoOfFailedRunTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    @Test
    void aRunThatFailedWithoutRollbackIsUndoneStepByStepLastFirst() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("a.conf"), "a = 1\n");
        Files.writeString(app.resolve("b.conf"), "b = 1\n");
        Files.createDirectories(dir.resolve("release"));
        Files.writeString(dir.resolve("release/a.conf"), "a = 2\n");
        Files.writeString(dir.resolve("release/b.conf"), "b = 2\n");
        Path file = dir.resolve("upgrade.yaml");
        Files.writeString(file, """
                format: 1
                name: upgrade
                steps:
                  - id: a
                    action: file.restore
                    with: { from: "DIR/release/a.conf", to: "DIR/app/a.conf" }
                    undo: { action: file.restore, with: { from: "{{ steps.a.outputs.kept_as }}", to: "DIR/app/a.conf" } }
                  - id: b
                    action: file.restore
                    with: { from: "DIR/release/b.conf", to: "DIR/app/b.conf" }
                    undo: { action: file.restore, with: { from: "{{ steps.b.outputs.kept_as }}", to: "DIR/app/b.conf" } }
                  - id: migrate
                    action: exec
                    with: { cmd: ["false"] }
                    undo: { action: exec, with: { shell: "echo migrate-undone >> DIR/ledger" } }
                  - id: never
                    action: exec
                    with: { shell: "echo never >> DIR/ledger" }
                    undo: { action: exec, with: { shell: "echo never-undone >> DIR/ledger" } }
                """.replace("DIR", dir.toString()));

        assertThat(cli.run("run", file.toString(), "--yes")).as(cli.err()).isEqualTo(1);
        String failed = cli.latestRun();
        assertThat(app.resolve("a.conf")).hasContent("a = 2");

        assertThat(cli.run("undo", failed, "--yes")).as(cli.err()).isZero();
        String undoId = cli.latestRun();
        assertThat(app.resolve("a.conf")).hasContent("a = 1");
        assertThat(app.resolve("b.conf")).hasContent("b = 1");
        assertThat(dir.resolve("ledger")).as("the failed step and the one never reached are not undone")
                .doesNotExist();
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.run(failed).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
            assertThat(journal.steps(undoId)).extracting(StepRecord::stepId).containsExactly("b:undo", "a:undo");
            Map<String, StepStatus> forward = journal.latestSteps(failed).stream()
                    .collect(Collectors.toMap(StepRecord::stepId, StepRecord::status));
            assertThat(forward).containsEntry("a", StepStatus.UNDONE).containsEntry("b", StepStatus.UNDONE)
                    .containsEntry("migrate", StepStatus.FAILED).containsEntry("never", StepStatus.SKIPPED);
        }
        assertThat(cli.run("undo", failed, "--yes")).isEqualTo(2);
        assertThat(cli.err()).contains("was already undone by run " + undoId);
    }
}
