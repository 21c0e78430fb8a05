package dev.runbook.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.journal.Journal;
import dev.runbook.journal.StepRecord;
import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollback path previewed by `plan` and the dry run: for each step that changes something,
 * the undos that would run if it failed, in order, and the irreversible steps. The real run that
 * fails at 'deploy' runs exactly the undos the preview listed for it, in that order.
 */
class RollbackPathsTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    private Path runbook() throws Exception {
        Path file = dir.resolve("paths.yaml");
        Files.writeString(file, """
                format: 1
                name: paths
                params:
                  fail: { type: bool, default: false }
                steps:
                  - id: backup
                    action: exec
                    with: { cmd: ["true"] }
                    undo: { action: exec, with: { cmd: [echo, undo-backup] } }
                  - id: migrate
                    needs: [backup]
                    on_error: rollback
                    action: exec
                    with: { cmd: ["true"] }
                    undo:
                      - { action: exec, with: { cmd: [echo, one] } }
                      - { action: exec, with: { cmd: [echo, two] } }
                  - { id: look, needs: [migrate], action: wait, with: { duration: 1ms } }
                  - id: deploy
                    needs: [look]
                    on_error: rollback
                    action: exec
                    with: { cmd: [sh, -c, "test {{ params.fail }} = false"] }
                """);
        return file;
    }

    private static String plan(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("plan"), java.util.Arrays.stream(args))
                .toArray(String[]::new);
        assertThat(dev.runbook.cli.Main.execute(all, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err,
                true))).as(err.toString()).isZero();
        return out.toString();
    }

    private static final List<String> EXPECTED = List.of(
            "if a step fails:",
            "  backup: nothing is undone (on_error: abort)",
            "  migrate: rollback runs 1 undo, in order:",
            "    backup:undo exec: run echo undo-backup",
            "  deploy: rollback runs 3 undos, in order:",
            "    migrate:undo:1 exec: run echo one",
            "    migrate:undo:2 exec: run echo two",
            "    backup:undo exec: run echo undo-backup",
            "irreversible (change something, declare no undo): deploy");

    @Test
    void planAndDryRunShowTheUndosThatWouldRunAndTheRealRollbackRunsThem() throws Exception {
        Path file = runbook();

        assertThat(plan(file.toString())).contains(String.join("\n", EXPECTED) + "\n");

        assertThat(cli.run("run", file.toString(), "--dry-run")).as(cli.err()).isZero();
        assertThat(cli.err()).contains(String.join("\n", EXPECTED) + "\n");

        assertThat(plan(file.toString(), "--format", "json").replaceAll("\\s+", "")).contains("\"irreversible\":[\"deploy\"]")
                .contains("{\"step\":\"deploy\",\"on_error\":\"rollback\",\"undos\":[\"migrate:undo:1exec:runechoone\"");

        assertThat(cli.run("run", file.toString(), "-p", "fail=true")).as(cli.err()).isEqualTo(4);
        try (Journal journal = Journal.open(cli.state().resolve("journal.db"))) {
            assertThat(journal.steps(cli.latestRun())).extracting(StepRecord::stepId).filteredOn(id -> id.contains(":undo"))
                    .containsExactly("migrate:undo:1", "migrate:undo:2", "backup:undo");
        }
    }
}
