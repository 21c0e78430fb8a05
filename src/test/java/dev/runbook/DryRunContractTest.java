package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.support.EnvironmentSnapshot;
import dev.runbook.support.SqliteFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry-run contract on real state: a runbook that would stop a process, restore a SQLite
 * database, reset git, set JSON fields, restore files from a backup, collect forensics and run a
 * command leaves every byte, git HEAD and every process exactly as before, and says how much of it
 * was previewed from real state.
 */
class DryRunContractTest {

    @TempDir
    Path dir;

    private Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void aDryRunChangesNoFileNoDatabaseNoCommitAndNoProcess() throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        String marker = "dry-run-contract-" + UUID.randomUUID();
        server = new ProcessBuilder("sh", "-c", "sleep 300; : " + marker).start();
        SqliteFiles.create(target.resolve("data/app.db"), "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('now')");
        SqliteFiles.create(target.resolve("backup/app.db"), "CREATE TABLE t (v TEXT)",
                "INSERT INTO t VALUES ('before')");
        Files.writeString(target.resolve("config.json"), "{\"status\": \"upgraded\"}\n");
        Files.createDirectories(target.resolve("backup/files/conf"));
        Files.writeString(target.resolve("backup/files/conf/app.ini"), "mode = old\n");
        Files.createDirectories(target.resolve("app/conf"));
        Files.writeString(target.resolve("app/conf/app.ini"), "mode = new\n");
        try (Git git = Git.init().setDirectory(target.resolve("repo").toFile()).setInitialBranch("main").call()) {
            Files.writeString(target.resolve("repo/code.py"), "v = 1\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("one").setSign(false).call();
            git.tag().setName("pre-phase4").call();
            Files.writeString(target.resolve("repo/code.py"), "v = 2\n");
            git.commit().setAll(true).setMessage("two").setSign(false).call();
        }
        Path runbook = dir.resolve("contract.yaml");
        Files.writeString(runbook, """
                format: 1
                name: contract
                params:
                  root: { type: path }
                steps:
                  - { id: stop, action: process.stop, with: { match: ["MARKER"], grace: 1s } }
                  - id: restore-db
                    action: sqlite.restore
                    with: { from: "{{ params.root }}/backup/app.db", to: "{{ params.root }}/data/app.db",
                            keep_current_as: "{{ params.root }}/data/app.db.failed" }
                  - { id: reset, action: git.reset, with: { repo: "{{ params.root }}/repo", ref: pre-phase4, mode: hard } }
                  - { id: state, action: json.set, with: { file: "{{ params.root }}/config.json", set: { status: rolled_back } } }
                  - id: restore-conf
                    action: file.restore
                    with: { from: "{{ params.root }}/backup/files/conf", to: "{{ params.root }}/app/conf" }
                  - id: collect
                    action: forensics.collect
                    with: { paths: ["{{ params.root }}/data"], to: "{{ params.root }}/forensics" }
                  - { id: write, action: exec, with: { shell: "echo changed > {{ params.root }}/written" } }
                  - { id: integrity, action: sqlite.integrity, with: { db: "{{ params.root }}/data/app.db" } }
                """.replace("MARKER", marker));
        List<String> patterns = List.of(marker);
        EnvironmentSnapshot before = EnvironmentSnapshot.take(target, patterns);
        assertThat(before.processes()).hasSize(1);

        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"run", runbook.toString(), "--dry-run", "-p", "root=" + target,
                "--state", dir.resolve("state").toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));

        EnvironmentSnapshot after = EnvironmentSnapshot.take(target, patterns);
        assertThat(before.differences(after)).as(err.toString()).isEmpty();
        assertThat(server.isAlive()).isTrue();
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString())
                .contains("would stop pid " + server.pid())
                .contains("not probed: it checks the state after 'write', which this dry run only previewed")
                .contains("preview: 7 of 8 steps can be previewed from real state; opaque: write; ")
                .contains("not probed (they check what an earlier step would change): integrity");
    }
}
