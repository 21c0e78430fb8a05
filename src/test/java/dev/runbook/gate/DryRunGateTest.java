package dev.runbook.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.journal.Journal;
import dev.runbook.journal.RunStatus;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.support.InProcessCli;
import dev.runbook.support.SqliteFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry run as a gate, on real files: a restore whose keep name is taken would refuse, and so
 * would a restore from a backup that is not there (nothing would be changed); both are named, with their reasons, in the console,
 * the --json events and the journal, and the dry run exits 7. The same runbook on good state exits 0.
 */
class DryRunGateTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    private Path runbook() throws Exception {
        SqliteFiles.create(dir.resolve("data/app.db"), "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('now')");
        SqliteFiles.create(dir.resolve("backup/app.db"), "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('old')");
        Files.createDirectories(dir.resolve("backup/conf"));
        Files.writeString(dir.resolve("backup/conf/app.ini"), "mode = old\n");
        Files.createDirectories(dir.resolve("app/conf"));
        Files.writeString(dir.resolve("app/conf/app.ini"), "mode = new\n");
        Path file = dir.resolve("gate.yaml");
        Files.writeString(file, """
                format: 1
                name: gate
                params:
                  root: { type: path }
                steps:
                  - id: restore-db
                    action: sqlite.restore
                    with: { from: "{{ params.root }}/backup/app.db", to: "{{ params.root }}/data/app.db",
                            keep_current_as: "{{ params.root }}/data/app.db.failed" }
                  - id: restore-conf
                    needs: [restore-db]
                    action: file.restore
                    with: { from: "{{ params.root }}/backup/conf", to: "{{ params.root }}/app/conf" }
                  - { id: check, needs: [restore-conf], action: file.check, with: { path: "{{ params.root }}/gate.yaml" } }
                """);
        return file;
    }

    @Test
    void stepsThatWouldRefuseStopTheGateWithExit7AndAreNamedWithTheirReasons() throws Exception {
        Path file = runbook();
        Files.writeString(dir.resolve("data/app.db.failed"), "kept by an earlier rollback");
        Files.delete(dir.resolve("backup/conf/app.ini"));
        Files.delete(dir.resolve("backup/conf"));

        int code = cli.run("run", file.toString(), "--dry-run", "-p", "root=" + dir);

        String err = cli.err();
        assertThat(code).as(err).isEqualTo(7);
        assertThat(err).contains("would refuse restore-db in ")
                .contains("would refuse restore-conf in ")
                .contains("would stop: 3 of 3 steps ran; failed at 'restore-db' (exit 7)");
        List<String> lines = err.lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("gate: would stop at 2 steps: restore-db would refuse: "
                + dir.resolve("data/app.db.failed") + " already exists")
                .contains("; restore-conf would refuse: nothing to restore from: ");
        String runId = cli.latestRun();
        try (Journal journal = Journal.open(cli.state().resolve("journal.db"))) {
            assertThat(journal.run(runId).orElseThrow().status()).isEqualTo(RunStatus.WOULD_STOP);
            assertThat(journal.steps(runId)).extracting(StepRecord::stepId, StepRecord::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("restore-db", StepStatus.WOULD_REFUSE),
                    org.assertj.core.groups.Tuple.tuple("restore-conf", StepStatus.WOULD_REFUSE),
                    org.assertj.core.groups.Tuple.tuple("check", StepStatus.SUCCEEDED));
        }
        assertThat(dir.resolve("data/app.db.failed")).hasContent("kept by an earlier rollback");

        assertThat(cli.run("run", file.toString(), "--dry-run", "--json", "-p", "root=" + dir)).isEqualTo(7);
        assertThat(cli.out()).contains("\"step\":\"restore-db\",\"title\":null,\"status\":\"would refuse\"")
                .contains("\"status\":\"would stop\",\"exit_code\":7,\"failed_step\":\"restore-db\",\"would_stop\":"
                        + "[{\"step\":\"restore-db\",\"status\":\"would refuse\",\"reason\":\"" + dir.resolve("data/app.db.failed"));
    }

    @Test
    void onGoodStateEveryStepWouldRunAndTheGateSaysSoWithExit0() throws Exception {
        Path file = runbook();

        int code = cli.run("run", file.toString(), "--dry-run", "-p", "root=" + dir);

        assertThat(code).as(cli.err()).isZero();
        List<String> lines = cli.err().lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("gate: every selected step would run (as far as the real "
                + "state shows)");
    }
}
