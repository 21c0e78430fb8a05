package dev.runbook.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.support.InProcessCli;
import dev.runbook.support.SqliteFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Later previews see what earlier previewed steps would leave, per family, on real state: a writer
 * an earlier process.stop ends (process → sqlite), a kept copy an earlier restore would create
 * (sqlite → sqlite, a refusal the earlier step causes), a backup an earlier step would make
 * (sqlite.backup → sqlite.restore), a work tree an earlier git.reset would move (git → file.restore).
 */
class SimulatedEffectsTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);
    private Process writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.destroyForcibly();
        }
    }

    private int dryRun(String yaml) throws Exception {
        Path file = dir.resolve("chain.yaml");
        Files.writeString(file, "format: 1\nname: chain\nparams:\n  root: { type: path }\nsteps:\n" + yaml);
        return cli.run("run", file.toString(), "--dry-run", "-p", "root=" + dir);
    }

    private void databases() throws Exception {
        SqliteFiles.create(dir.resolve("data/app.db"), "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('now')");
        SqliteFiles.create(dir.resolve("backup/app.db"), "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('old')");
    }

    /** A process with the database open for writing, as a running service has. */
    private long startWriter(String marker) throws Exception {
        writer = new ProcessBuilder("python3", "-c", "import time\nf = open('" + dir.resolve("data/app.db")
                + "', 'r+b')\nprint('open', flush=True)\ntime.sleep(300)", marker).start();
        assertThat(new String(writer.getInputStream().readNBytes(4))).isEqualTo("open");
        return writer.pid();
    }

    private static final String RESTORE = """
              - id: restore-db
                action: sqlite.restore
                with: { from: "{{ params.root }}/backup/app.db", to: "{{ params.root }}/data/app.db",
                        keep_current_as: "{{ params.root }}/data/app.db.failed" }
            """;

    @Test
    void aWriterThatAnEarlierStopWouldEndDoesNotMakeTheRestoreRefuse() throws Exception {
        databases();
        String marker = "simulated-writer-" + UUID.randomUUID();
        long pid = startWriter(marker);

        assertThat(dryRun(RESTORE)).as(cli.err()).isEqualTo(7);
        assertThat(cli.err()).contains("would refuse restore-db").contains("is in use: pid " + pid);

        int code = dryRun("  - { id: stop, action: process.stop, with: { match: [\"" + marker + "\"], grace: 1s } }\n"
                + RESTORE.replace("id: restore-db", "id: restore-db\n    needs: [stop]"));
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("would stop pid " + pid).contains("previewed restore-db")
                .contains("would swap the backup in").doesNotContain("in use");
        assertThat(writer.isAlive()).isTrue();
    }

    @Test
    void aKeptCopyAnEarlierRestoreWouldCreateMakesTheSecondRefuse() throws Exception {
        databases();
        int code = dryRun(RESTORE + RESTORE.replace("id: restore-db", "id: again\n    needs: [restore-db]"));
        assertThat(code).as(cli.err()).isEqualTo(7);
        assertThat(cli.err()).contains("previewed restore-db").contains("would refuse again")
                .contains("gate: would stop at 1 step: again would refuse: " + dir.resolve(
                        "data/app.db.failed") + " would exist by then (an earlier step keeps a file there)");
        assertThat(dir.resolve("data/app.db.failed")).doesNotExist();
    }

    @Test
    void aBackupAnEarlierStepWouldMakeIsNotAFailure() throws Exception {
        databases();
        Files.delete(dir.resolve("backup/app.db"));
        String restore = RESTORE.replace("id: restore-db", "id: restore-db\n    needs: [backup]");
        assertThat(dryRun(RESTORE)).as(cli.err()).isEqualTo(7);
        assertThat(cli.err()).contains("would refuse restore-db");

        int code = dryRun("""
                  - { id: backup, action: sqlite.backup, with: { db: "{{ params.root }}/data/app.db", to: "{{ params.root }}/backup/app.db" } }
                """ + restore);
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("cannot preview the swap: the backup " + dir.resolve("backup/app.db")
                + " does not exist yet; step 'backup' would make it");
        assertThat(dir.resolve("backup/app.db")).doesNotExist();
    }

    @Test
    void aRestoreIntoAWorkTreeAnEarlierResetWouldMoveSaysItsDiffIsAgainstTodaysFiles() throws Exception {
        Path repo = dir.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(repo.resolve("conf"));
            Files.writeString(repo.resolve("conf/app.ini"), "mode = one\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("one").setSign(false).call();
            git.tag().setName("pre").call();
            Files.writeString(repo.resolve("conf/app.ini"), "mode = two\n");
            git.commit().setAll(true).setMessage("two").setSign(false).call();
        }
        Files.createDirectories(dir.resolve("backup/conf"));
        Files.writeString(dir.resolve("backup/conf/app.ini"), "mode = old\n");
        String restore = """
                  - id: restore-conf
                    needs: [reset]
                    action: file.restore
                    with: { from: "{{ params.root }}/backup/conf", to: "{{ params.root }}/repo/conf" }
                """;

        int code = dryRun("  - { id: reset, action: git.reset, with: { repo: \"{{ params.root }}/repo\", ref: pre, "
                + "mode: hard } }\n" + restore);

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("the plan below is against " + repo.resolve("conf") + " as it is now; step "
                + "'reset (to ");
        assertThat(repo.resolve("conf/app.ini")).hasContent("mode = two");
    }
}
