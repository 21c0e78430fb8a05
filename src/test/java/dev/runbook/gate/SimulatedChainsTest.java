package dev.runbook.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.support.AlembicProjects;
import dev.runbook.support.InProcessCli;
import dev.runbook.support.SqliteFiles;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More constructed chains on real state where a later preview sees what an earlier previewed step
 * would leave: a process an earlier process.start would start (process → process.stop), a file an
 * earlier restore would replace (file → json.set), a database an earlier sqlite.restore would swap
 * in (sqlite → alembic), a commit an earlier git.reset would move to (git → git.reset).
 */
class SimulatedChainsTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    private int dryRun(String yaml) throws Exception {
        Path file = dir.resolve("chain.yaml");
        Files.writeString(file, "format: 1\nname: chain\nparams:\n  root: { type: path }\nsteps:\n" + yaml);
        return cli.run("run", file.toString(), "--dry-run", "-p", "root=" + dir);
    }

    @Test
    void aStopAfterAStartSaysItWouldStopTheProcessThatStepStarts() throws Exception {
        String marker = "simulated-start-" + UUID.randomUUID();
        String stop = "  - { id: stop, needs: [start], action: process.stop, with: { match: [\"" + marker + "\"] } }\n";
        assertThat(dryRun(stop.replace("needs: [start], ", ""))).as(cli.err()).isZero();
        assertThat(cli.err()).contains("nothing to stop: no process matching " + marker);

        int code = dryRun("  - { id: start, action: process.start, with: { cmd: [python3, -c, \"import time; "
                + "time.sleep(60)\", " + marker + "], pidfile: \"{{ params.root }}/run/app.pid\" } }\n" + stop
                + "  - { id: by-pidfile, needs: [stop], action: process.stop, with: { pidfile: "
                + "\"{{ params.root }}/run/app.pid\" } }\n");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain("nothing to stop").contains("would stop the process step 'start' would "
                + "start (its pid cannot be known before then): python3 -c import time; time.sleep(60) " + marker);
        assertThat(cli.err()).contains("the process step 'start' would start would already be stopped by 'stop': "
                + "python3 -c"); // the second stop, by the pidfile that process would write
        assertThat(cli.err().split("would stop the process step 'start'", -1)).hasSize(2);
        assertThat(dir.resolve("run/app.pid")).doesNotExist();
    }

    @Test
    void aJsonEditAfterARestoreOfItsFolderIsPreviewedAgainstTodaysFileAndNotRefusedForIt() throws Exception {
        Files.createDirectories(dir.resolve("app/state"));
        Files.createDirectories(dir.resolve("backup/state"));
        Path session = dir.resolve("app/state/session.json");
        Files.writeString(session, "half-written {");
        Files.writeString(dir.resolve("backup/state/session.json"), "{\"status\": \"active\"}\n");
        String edit = "  - { id: mark, needs: [restore], action: json.set, with: { file: "
                + "\"{{ params.root }}/app/state/session.json\", set: { status: rolled_back } } }\n";
        String restore = "  - { id: restore, action: file.restore, with: { from: \"{{ params.root }}/backup/state\", "
                + "to: \"{{ params.root }}/app/state\" } }\n";

        assertThat(dryRun(edit.replace("needs: [restore], ", ""))).as(cli.err()).isEqualTo(7);
        assertThat(cli.err()).contains("would refuse mark").contains(session + " is not valid JSON (line 1, column 1)");

        int code = dryRun(restore + edit);
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain("would refuse").contains("cannot preview the edit: " + session
                + " is not valid JSON (line 1, column 1)").contains(" now; step 'restore' would replace " + session
                + " first");

        Files.writeString(session, "{\"status\": \"broken\"}\n");
        code = dryRun(restore + edit);
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("the edit below is previewed against " + session + " as it is now; step "
                + "'restore' would replace it first, so what this edit would change there cannot be known until then")
                .contains("would set status: \"broken\" -> \"rolled_back\"");
        assertThat(session).hasContent("{\"status\": \"broken\"}");
    }

    @Test
    void anAlembicUpgradeAfterARestoreStartsFromTheBackupsRevision() throws Exception {
        AlembicProjects project = AlembicProjects.migrated(dir.resolve("app"), 4);
        List<String> r = project.revisions();
        project.migrate("downgrade", r.get(1));
        Files.createDirectories(dir.resolve("backup"));
        Files.copy(project.db(), dir.resolve("backup/app.db"));
        project.migrate("upgrade", "head");
        String upgrade = "  - { id: up, needs: [restore], action: alembic.upgrade, with: { cwd: \"{{ params.root }}/app\" } }\n";
        String restore = "  - { id: restore, action: sqlite.restore, with: { from: \"{{ params.root }}/backup/app.db\", "
                + "to: \"{{ params.root }}/app/data/app.db\", keep_current_as: \"{{ params.root }}/app/data/app.db.failed\" } }\n";
        assertThat(dryRun(upgrade.replace("needs: [restore], ", ""))).as(cli.err()).isZero();
        assertThat(cli.err()).contains("nothing to apply: already at " + r.get(3));

        int code = dryRun(restore + upgrade);

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("starting from " + r.get(1) + ", the revision of the database step 'restore' "
                + "would swap in (" + dir.resolve("backup/app.db") + "), not of " + project.db() + " as it is now")
                .contains("would apply 2 revisions, " + r.get(1) + " -> " + r.get(3) + ":")
                .doesNotContain("nothing to apply");

        String backup = "  - { id: backup, action: sqlite.backup, with: { db: \"{{ params.root }}/app/data/app.db\", "
                + "to: \"{{ params.root }}/backup/new.db\" } }\n";
        code = dryRun(backup + restore.replace("backup/app.db", "backup/new.db").replace("id: restore,",
                "id: restore, needs: [backup],") + upgrade);
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("would run alembic upgrade head on the database step 'restore' would swap in ("
                + dir.resolve("backup/new.db") + "); which revisions cannot be known until then");
        assertThat(SqliteFiles.rows(project.db(), "SELECT version_num FROM alembic_version")).containsExactly("String:" + r.get(3));
    }

    @Test
    void aSecondResetStartsFromWhereTheFirstWouldLeaveHead() throws Exception {
        Path repo = dir.resolve("repo");
        RevCommit one;
        RevCommit two;
        RevCommit three;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("app.ini"), "mode = one\n");
            git.add().addFilepattern(".").call();
            one = git.commit().setMessage("one").setSign(false).call();
            Files.writeString(repo.resolve("app.ini"), "mode = two\n");
            two = git.commit().setAll(true).setMessage("two").setSign(false).call();
            git.tag().setName("pre").call();
            Files.writeString(repo.resolve("app.ini"), "mode = three\n");
            three = git.commit().setAll(true).setMessage("three").setSign(false).call();
        }
        Files.writeString(repo.resolve("app.ini"), "mode = edited\n"); // the first reset saves it, the second finds none
        String first = "  - { id: first, action: git.reset, with: { repo: \"{{ params.root }}/repo\", ref: pre, "
                + "mode: hard, save_dirty: true } }\n";
        String second = "  - { id: second, needs: [first], action: git.reset, with: { repo: \"{{ params.root }}/repo\", "
                + "ref: \"HEAD~1\", mode: hard } }\n";

        int code = dryRun(first + second);

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("starting from " + name(two) + ", where step 'first' would leave HEAD, not from "
                + "HEAD as it is now").contains("would move branch main from " + name(two) + " to " + name(one)
                + " (hard)").doesNotContain("would refuse");
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.getRepository().resolve("HEAD")).isEqualTo(three.getId());
        }
        assertThat(repo.resolve("app.ini")).hasContent("mode = edited");
    }

    private static String name(RevCommit commit) {
        return commit.abbreviate(7).name() + " " + commit.getShortMessage() + " (" + commit.getAuthorIdent().getName()
                + ")";
    }
}
