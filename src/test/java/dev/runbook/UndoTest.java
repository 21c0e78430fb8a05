package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecord;
import dev.runbook.journal.RunStatus;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.support.SqliteFiles;
import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `runbook undo` in process, on a real file, SQLite database, git repository and process: what it
 * reverses and in which order, what it refuses before anything changes, its dry run as a gate, its
 * journal rows, and a failed undo resumed.
 */
class UndoTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);
    private Path app;
    private Path repo;
    private String v1;
    private String v2;

    @BeforeEach
    void deployment() throws Exception {
        app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("config.txt"), "version = 1\n");
        Files.createDirectories(dir.resolve("release"));
        Files.writeString(dir.resolve("release/config.txt"), "version = 2\n");
        SqliteFiles.create(app.resolve("app.db"), "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('one')");
        SqliteFiles.create(dir.resolve("release/app.db"), "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('two')");
        repo = Files.createDirectories(dir.resolve("repo"));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("code.py"), "v = 1\n");
            git.add().addFilepattern("code.py").call();
            v1 = git.commit().setMessage("v1").setSign(false).call().name();
            Files.writeString(repo.resolve("code.py"), "v = 2\n");
            git.add().addFilepattern("code.py").call();
            v2 = git.commit().setMessage("v2").setSign(false).call().name();
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(v1).call();
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        Path pidfile = dir.resolve("server.pid");
        if (Files.exists(pidfile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidfile).trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** An upgrade: config, database, code, a server; each reversible step says how to reverse it. */
    private Path upgrade(String extra) throws Exception {
        Path file = dir.resolve("upgrade.yaml");
        Files.writeString(file, ("""
                format: 1
                name: upgrade
                params:
                  app: { type: path }
                  token: { type: string, secret: true }
                vars:
                  note: "DIR/note-{{ run.id }}"   # the undo must read the run's vars, not render them again
                steps:
                  - id: check
                    action: file.check
                    with: { path: "{{ params.app }}/config.txt" }
                  - id: config
                    action: file.restore
                    with: { from: "DIR/release/config.txt", to: "{{ params.app }}/config.txt" }
                    undo: { action: file.restore, with: { from: "{{ steps.config.outputs.kept_as }}", to: "{{ params.app }}/config.txt" } }
                  - id: db
                    action: sqlite.restore
                    with: { from: "DIR/release/app.db", to: "{{ params.app }}/app.db" }
                    undo:
                      action: sqlite.restore
                      with: { from: "{{ steps.db.outputs.kept_as }}", to: "{{ params.app }}/app.db", keep_current_as: "{{ params.app }}/app.db.undone" }
                  - id: code
                    action: git.reset
                    with: { repo: "DIR/repo", ref: "V2", mode: hard }
                    undo: { action: git.reset, with: { repo: "DIR/repo", ref: "{{ steps.code.outputs.before }}", mode: hard } }
                  - id: stamp
                    action: exec
                    with: { shell: "echo upgraded >> DIR/stamps" }
                  - id: note
                    action: exec
                    with: { shell: "echo {{ params.token }} > {{ vars.note }}" }
                    undo:
                      - { action: exec, with: { shell: "rm {{ vars.note }} && echo {{ params.token }} > DIR/undo-token" } }
                      - { action: exec, with: { shell: "echo note >> DIR/undo-ledger" } }
                  - id: server
                    action: process.start
                    with: { cmd: [sleep, "300"], pidfile: "DIR/server.pid" }
                    undo: { action: process.stop, with: { pidfile: "DIR/server.pid", grace: 2s } }
                finally:
                  - id: always
                    action: exec
                    with: { shell: "echo finally >> DIR/hooks" }
                """ + extra).replace("DIR", dir.toString()).replace("V2", v2));
        return file;
    }

    private String upgraded(Path file) throws Exception {
        assertThat(cli.run("run", file.toString(), "-p", "app=" + app, "-p", "token=tok-s3cret", "--yes"))
                .as(cli.err()).isZero();
        return cli.latestRun();
    }

    private long serverPid() throws Exception {
        return Long.parseLong(Files.readString(dir.resolve("server.pid")).trim());
    }

    private String head() throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return git.getRepository().resolve("HEAD").name();
        }
    }

    @Test
    void undoReversesEveryCompletedStepLastFirstAsANewRunAndOnlyOnce() throws Exception {
        String runId = upgraded(upgrade(""));
        long pid = serverPid();
        assertThat(head()).isEqualTo(v2);
        assertThat(dir.resolve("note-" + runId)).hasContent("tok-s3cret");

        // Irreversible steps are listed and refused before anything changes; read-only ones are not listed.
        assertThat(cli.run("undo", runId, "--yes", "-p", "token=tok-s3cret")).as(cli.err()).isEqualTo(6);
        assertThat(cli.err()).contains("cannot be undone (changed something, and no undo; left as they are):\n"
                + "  stamp  exec: changed something and declares no undo\n")
                .doesNotContain("  check  ").contains("--accept-partial");
        assertThat(Files.readString(app.resolve("config.txt"))).isEqualTo("version = 2\n");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        // Secrets are not in the journal: asked again.
        assertThat(cli.run("undo", runId, "--yes", "--accept-partial")).isEqualTo(64);
        assertThat(cli.err()).contains("secret parameter 'token' is not kept in the journal");

        // Asked again off the command line, as run and resume take it.
        Path secretFile = Files.writeString(dir.resolve("token.txt"), "tok-s3cret\n");
        assertThat(cli.run("undo", runId, "--yes", "--accept-partial", "--secret-file", "token=" + secretFile))
                .as(cli.err()).isZero();
        String undoId = cli.latestRun();
        assertThat(cli.err()).contains("undone: run " + undoId + " reversed it");
        assertThat(Files.readString(app.resolve("config.txt"))).isEqualTo("version = 1\n");
        assertThat(SqliteFiles.rows(app.resolve("app.db"), "SELECT v FROM t")).containsExactly("String:one");
        assertThat(SqliteFiles.rows(app.resolve("app.db.undone"), "SELECT v FROM t")).containsExactly("String:two");
        assertThat(head()).isEqualTo(v1);
        assertThat(Files.readString(repo.resolve("code.py"))).isEqualTo("v = 1\n");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dir.resolve("note-" + runId)).doesNotExist();
        assertThat(Files.readString(dir.resolve("undo-token"))).isEqualTo("tok-s3cret\n");
        assertThat(Files.readString(dir.resolve("stamps"))).isEqualTo("upgraded\n");
        assertThat(Files.readAllLines(dir.resolve("hooks"))).as("finally belongs to the forward run")
                .containsExactly("finally");

        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            RunRecord undo = journal.run(undoId).orElseThrow();
            assertThat(undo.origin().undoes()).contains(runId);
            assertThat(undo.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(undo.params()).containsEntry("token", "***");
            assertThat(journal.steps(undoId)).extracting(StepRecord::stepId).containsExactly("server:undo",
                    "note:undo:1", "note:undo:2", "code:undo", "db:undo", "config:undo");
            assertThat(journal.steps(undoId)).allMatch(s -> s.status() == StepStatus.SUCCEEDED);
            Map<String, StepStatus> forward = journal.latestSteps(runId).stream()
                    .collect(Collectors.toMap(StepRecord::stepId, StepRecord::status));
            assertThat(forward).containsEntry("config", StepStatus.UNDONE).containsEntry("db", StepStatus.UNDONE)
                    .containsEntry("code", StepStatus.UNDONE).containsEntry("note", StepStatus.UNDONE)
                    .containsEntry("server", StepStatus.UNDONE).containsEntry("stamp", StepStatus.SUCCEEDED)
                    .containsEntry("check", StepStatus.SUCCEEDED);
            assertThat(journal.integrityCheck()).isEqualTo("ok");
        }

        assertThat(cli.run("show", runId)).isZero();
        assertThat(cli.out()).contains("undone by: run " + undoId + " (succeeded)\n")
                .contains("  config                   #1 undone");
        assertThat(cli.run("show", undoId)).isZero();
        assertThat(cli.out()).contains("undoes: run " + runId + "\n");

        assertThat(cli.run("undo", runId, "--yes", "--accept-partial", "-p", "token=tok-s3cret")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("runbook: run " + runId + " was already undone by run " + undoId + "\n"
                + "  hint: a run is undone once; 'runbook show " + undoId + "' shows what it did\n");
        assertThat(cli.run("undo", undoId, "--yes")).isEqualTo(2);
        assertThat(cli.err()).contains("run " + undoId + " is itself the undo of run " + runId);
    }

    @Test
    void theDryRunPreviewsEveryUndoActionChangesNothingAndIsAGate() throws Exception {
        String runId = upgraded(upgrade(""));
        long pid = serverPid();

        assertThat(cli.run("undo", runId, "--dry-run", "--accept-partial", "-p", "token=tok-s3cret"))
                .as(cli.err()).isZero();
        assertThat(cli.err()).contains("would stop pid " + pid).contains("undo preview: every undo action would run");
        assertThat(cli.run("undo", runId, "--dry-run", "-p", "token=tok-s3cret")).isEqualTo(7);
        assertThat(cli.err()).endsWith("undo preview: the undo would stop: it is partial (--accept-partial)\n");

        // The database's undo keeps the current one under a name that is taken: the real undo would refuse.
        Files.writeString(app.resolve("app.db.undone"), "in the way");
        assertThat(cli.run("undo", runId, "--dry-run", "--accept-partial", "--json", "-p", "token=tok-s3cret"))
                .isEqualTo(7);
        List<JsonNode> events = new ArrayList<>();
        for (String line : cli.out().split("\n")) {
            events.add(new ObjectMapper().readTree(line));
        }
        JsonNode db = events.stream().filter(e -> e.path("step").asText().equals("db:undo")
                && e.get("event").asText().equals("step_finished")).findFirst().orElseThrow();
        assertThat(db.get("effects").toString()).contains("would refuse");
        assertThat(events.get(events.size() - 1).get("exit_code").asInt()).isEqualTo(7);

        assertThat(Files.readString(app.resolve("config.txt"))).isEqualTo("version = 2\n");
        assertThat(head()).isEqualTo(v2);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.latestSteps(runId)).allMatch(s -> s.status() == StepStatus.SUCCEEDED);
            assertThat(journal.undoRuns(runId)).as("dry runs do not count as the undo").isEmpty();
        }
    }

    @Test
    void aChangedRunbookALaterRunOnTheSameTargetAndAHeldLockAreRefusedBeforeAnythingChanges() throws Exception {
        Path file = upgrade("");
        String first = upgraded(file);
        cli.run("undo", first, "--yes", "--accept-partial", "-p", "token=tok-s3cret");
        // Reset the deployment to upgrade it again, twice: the second run is on the same target.
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("config.txt"), "version = 1\n");
        SqliteFiles.create(other.resolve("app.db"), "CREATE TABLE t (v TEXT)");
        Files.delete(app.resolve("app.db.undone"));
        String second = upgraded(file);
        // A later run against another target does not stand in the way.
        assertThat(cli.run("run", file.toString(), "-p", "app=" + other, "-p", "token=tok-s3cret", "--yes",
                "--only", "config")).as(cli.err()).isZero();
        assertThat(cli.run("undo", second, "--dry-run", "--accept-partial", "-p", "token=tok-s3cret"))
                .as(cli.err()).isZero();

        Files.writeString(file, Files.readString(file) + "# edited\n");
        assertThat(cli.run("undo", second, "--yes", "--accept-partial", "-p", "token=tok-s3cret")).isEqualTo(6);
        assertThat(cli.err()).contains(file + " changed since run " + second)
                .contains("--accept-changed-runbook");
        assertThat(Files.readString(app.resolve("config.txt"))).isEqualTo("version = 2\n");

        String third = upgradedAgain(file);
        assertThat(cli.run("undo", second, "--yes", "--accept-partial", "--accept-changed-runbook", "-p",
                "token=tok-s3cret")).isEqualTo(2);
        assertThat(cli.err()).contains("run " + third + " of runbook 'upgrade' succeeded on the same target after "
                + "run " + second + ": undoing " + second + " would reverse what " + third + " did too")
                .contains("'runbook undo " + third + "'");
        assertThat(cli.run("undo", third, "--yes", "--accept-partial", "-p", "token=tok-s3cret")).as(cli.err())
                .isZero();
        Files.delete(app.resolve("app.db.undone")); // kept by the undo of the third run
        assertThat(cli.run("undo", second, "--dry-run", "--accept-partial", "--accept-changed-runbook", "-p",
                "token=tok-s3cret")).as("once the later run is undone, the earlier one may be: " + cli.err()).isZero();

        // A run still going (its lock held by a live process: this one) is refused.
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            var recorder = journal.startRun(new dev.runbook.journal.RunStart("upgrade", "0".repeat(64),
                    Map.of("app", app.toString()), java.util.Optional.empty(), false, "me", String.valueOf(
                    dev.runbook.plan.Host.facts().get("name")), java.time.Instant.now(),
                    dev.runbook.journal.RunOrigin.UNKNOWN, journal.lockKey(second)),
                    new dev.runbook.template.Masker(List.of()));
            assertThat(cli.run("undo", recorder.runId(), "--yes")).isEqualTo(5);
            assertThat(cli.err()).contains("run " + recorder.runId() + " is still running");
            assertThat(cli.run("undo", second, "--yes", "--accept-partial", "--accept-changed-runbook", "-p",
                    "token=tok-s3cret")).isEqualTo(5);
            assertThat(cli.err()).contains("runbook 'upgrade' is locked on this target by run "
                    + recorder.runId());
            recorder.finish(RunStatus.FAILED, java.time.Instant.now());
        }
    }

    @Test
    void runsThatCannotBeUndoneAreRefusedWithWhatToDo() throws Exception {
        Path file = upgrade("");
        assertThat(cli.run("undo", "20261122-034512-7f3a")).isEqualTo(66);
        assertThat(cli.err()).startsWith("runbook: no journal at ");
        assertThat(cli.run("run", file.toString(), "-p", "app=" + app, "-p", "token=tok-s3cret", "--dry-run"))
                .as(cli.err()).isZero();
        String dry = cli.latestRun();
        assertThat(cli.run("undo", dry, "--yes")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("runbook: run " + dry + " was a dry run: it changed nothing, so there is "
                + "nothing to undo\n  hint: 'runbook history' lists the runs; undo a real one\n");
        assertThat(cli.run("undo", "20261122-034512-7f3a")).isEqualTo(66);
        assertThat(cli.err()).contains("no run 20261122-034512-7f3a in ");

        // A failed run with a rollback was undone by it already.
        Path rolledBack = dir.resolve("rolled-back.yaml");
        Files.writeString(rolledBack, """
                format: 1
                name: rolled-back
                steps:
                  - id: one
                    action: exec
                    with: { shell: "echo one >> %s/ledger" }
                    undo: { action: exec, with: { shell: "echo undo-one >> %s/ledger" } }
                  - id: two
                    on_error: rollback
                    action: exec
                    with: { cmd: ["false"] }
                """.formatted(dir, dir));
        assertThat(cli.run("run", rolledBack.toString())).isEqualTo(4);
        String runId = cli.latestRun();
        assertThat(cli.run("undo", runId, "--yes")).isEqualTo(2);
        assertThat(cli.err()).contains("run " + runId + " was rolled back: its own rollback undid the steps");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("one", "undo-one");

        // Only irreversible steps: the dry run ends as the real undo would, refused, not "nothing to undo, ok".
        Path irreversible = dir.resolve("irreversible.yaml");
        Files.writeString(irreversible, """
                format: 1
                name: irreversible
                steps:
                  - { id: stamp, action: exec, with: { shell: "echo stamped >> %s/stamps-only" } }
                """.formatted(dir));
        assertThat(cli.run("run", irreversible.toString())).as(cli.err()).isZero();
        String stamped = cli.latestRun();
        assertThat(cli.run("undo", stamped, "--dry-run")).as(cli.err()).isEqualTo(7);
        assertThat(cli.run("undo", stamped, "--yes")).as(cli.err()).isEqualTo(6);
        assertThat(cli.run("undo", stamped, "--dry-run", "--accept-partial")).as(cli.err()).isZero();

        // The runbook file is gone: nothing to read the undos from, nothing changed.
        String upgradeRun = upgraded(file);
        Files.move(file, dir.resolve("moved.yaml"));
        assertThat(cli.run("undo", upgradeRun, "--yes", "--accept-partial", "-p", "token=tok-s3cret")).isEqualTo(66);
        assertThat(Files.readString(app.resolve("config.txt"))).isEqualTo("version = 2\n");
    }

    private String upgradedAgain(Path file) throws Exception {
        if (Files.exists(dir.resolve("server.pid"))) {
            stopServer();
        }
        Files.deleteIfExists(app.resolve("app.db.undone"));
        Files.writeString(app.resolve("config.txt"), "version = 1.5\n"); // a hand edit the upgrade replaces
        assertThat(cli.run("run", file.toString(), "-p", "app=" + app, "-p", "token=tok-s3cret", "--yes"))
                .as(cli.err()).isZero();
        return cli.latestRun();
    }

    @Test
    void aFailingUndoActionStopsTheUndoWithItsOwnExitCodeAndResumeFinishesIt() throws Exception {
        String runId = upgraded(upgrade(""));
        // The git undo refuses: uncommitted work would be lost by the hard reset.
        Files.writeString(repo.resolve("code.py"), "v = 2 # a hotfix made after the upgrade\n");

        assertThat(cli.run("undo", runId, "--yes", "--accept-partial", "-p", "token=tok-s3cret")).isEqualTo(8);
        String undoId = cli.latestRun();
        assertThat(cli.err()).contains("the undo stopped at 'code:undo'")
                .contains("'runbook resume " + undoId + "' goes on from 'code:undo'");
        assertThat(Files.readString(app.resolve("config.txt"))).as("not reached").isEqualTo("version = 2\n");
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            Map<String, StepStatus> forward = journal.latestSteps(runId).stream()
                    .collect(Collectors.toMap(StepRecord::stepId, StepRecord::status));
            assertThat(forward).containsEntry("server", StepStatus.UNDONE).containsEntry("note", StepStatus.UNDONE)
                    .containsEntry("code", StepStatus.UNDO_FAILED).containsEntry("db", StepStatus.SUCCEEDED);
            assertThat(journal.run(undoId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        }
        assertThat(cli.run("undo", runId, "--yes", "--accept-partial", "-p", "token=tok-s3cret")).isEqualTo(2);
        assertThat(cli.err()).contains("run " + undoId + " is undoing run " + runId + " (it is failed)")
                .contains("'runbook resume " + undoId + "' finishes that undo");

        Files.writeString(repo.resolve("code.py"), "v = 2\n");
        assertThat(cli.run("resume", undoId, "-p", "token=tok-s3cret", "--yes")).as(cli.err()).isZero();
        assertThat(Files.readString(app.resolve("config.txt"))).isEqualTo("version = 1\n");
        assertThat(head()).isEqualTo(v1);
        assertThat(Files.readAllLines(dir.resolve("undo-ledger"))).as("done before: not run again")
                .containsExactly("note");
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.latestSteps(runId)).filteredOn(s -> !List.of("check", "stamp", "always").contains(s.stepId()))
                    .allMatch(s -> s.status() == StepStatus.UNDONE);
            assertThat(journal.run(undoId).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
        }
        assertThat(cli.run("report", undoId, "--format", "junit")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("code:undo").contains("config:undo");
    }
}
