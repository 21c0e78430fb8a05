package dev.runbook.saved;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.journal.Journal;
import dev.runbook.support.InProcessCli;
import dev.runbook.support.SqliteFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved plans end to end through the command line on real state: a file, a folder, an SQLite
 * database with an Alembic revision, a git repository, a running process and a backup with its
 * checksum list. Each is changed after the plan was saved, and apply must stop with exit 9 and say
 * what drifted; the runbook on disk edited, a second apply and approvals are refused as documented.
 */
class SavedPlansTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);
    private Process service;
    private String marker;

    @BeforeEach
    void realState() throws Exception {
        Files.writeString(dir.resolve("config.txt"), "port = 8001\n");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/a.txt"), "old a\n");
        Files.createDirectories(dir.resolve("backup/files"));
        Files.writeString(dir.resolve("backup/files/a.txt"), "good a\n");
        Files.writeString(dir.resolve("backup/SHA256SUMS"), SqliteFiles.sha256(dir.resolve("backup/files/a.txt"))
                + "  files/a.txt\n");
        SqliteFiles.create(dir.resolve("app.db"), "CREATE TABLE alembic_version (version_num TEXT NOT NULL)",
                "INSERT INTO alembic_version VALUES ('c3a0')");
        try (Git git = Git.init().setDirectory(dir.resolve("repo").toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("repo/app.py"), "print('v1')\n");
            git.add().addFilepattern("app.py").call();
            git.commit().setMessage("v1").setSign(false).call();
        }
        marker = "plan-test-" + System.nanoTime();
        service = service(marker);
        Files.writeString(dir.resolve("runbook.yaml"), runbook(marker));
    }

    private static Process service(String marker) throws IOException {
        return new ProcessBuilder("/usr/bin/python3", "-c", "import time; time.sleep(300)", marker).start();
    }

    @AfterEach
    void stopService() throws InterruptedException {
        if (service != null) {
            service.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String runbook(String marker) {
        return """
                format: 1
                name: saved-plan-test
                params:
                  dir: { type: path }
                  pid: { type: string }
                steps:
                  - id: check-config
                    action: file.check
                    with: { path: "{{ params.dir }}/config.txt", exists: true }
                  - id: integrity
                    action: sqlite.integrity
                    with: { db: "{{ params.dir }}/app.db" }
                  - id: status
                    action: git.status
                    with: { repo: "{{ params.dir }}/repo", expect_clean: false }
                  - id: verify-backup
                    action: backup.verify
                    with: { dir: "{{ params.dir }}/backup" }
                  - id: stop
                    needs: [check-config, integrity, status, verify-backup]
                    action: process.stop
                    with: { match: [MARKER], grace: 1s }
                  - id: restore
                    needs: [stop]
                    action: file.restore
                    with: { from: "{{ params.dir }}/backup/files", to: "{{ params.dir }}/target" }
                """.replace("MARKER", marker);
    }

    private int plan(String... extra) throws IOException {
        Files.writeString(dir.resolve("service.pid"), service.pid() + "\n");
        String[] args = {"run", dir.resolve("runbook.yaml").toString(), "--dry-run", "-p", "dir=" + dir, "-p",
                "pid=" + service.pid(), "--save-plan", dir.resolve("rollback.plan").toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return cli.run(all);
    }

    private int apply(String... extra) {
        String[] args = {"apply", dir.resolve("rollback.plan").toString(), "--yes"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return cli.run(all);
    }

    private void planned() throws IOException {
        assertThat(plan()).as(cli.err()).isZero();
        assertThat(cli.err()).contains("plan saved to " + dir.resolve("rollback.plan"));
    }

    @Test
    void anUnchangedPlanIsAppliedAndTheJournalRecordsItsChecksum() throws Exception {
        planned();
        assertThat(apply()).as(cli.err()).isZero();
        assertThat(Files.readString(dir.resolve("target/a.txt"))).isEqualTo("good a\n");
        assertThat(service.waitFor(5, TimeUnit.SECONDS)).isTrue();
        String sha = firstLine().substring(PlanFile.MAGIC.length());
        try (Journal journal = Journal.open(cli.state().resolve("journal.db"))) {
            assertThat(journal.planOf(cli.latestRun())).contains(sha);
            assertThat(journal.planApplication(sha)).contains(cli.latestRun());
        }
        String run = cli.latestRun();
        assertThat(cli.run("show", run)).isZero();
        assertThat(cli.out()).contains("plan: " + sha + " (applied with runbook apply)");
        assertThat(cli.run("report", run)).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Applied saved plan " + sha + ".");
    }

    @Test
    void aFileThatChangedStopsTheApplyBeforeTheFirstStep() throws Exception {
        planned();
        Files.writeString(dir.resolve("config.txt"), "port = 9001\n");
        assertThat(apply()).isEqualTo(9);
        assertThat(cli.err()).contains("runbook: " + dir.resolve("config.txt") + ": sha256 ").contains(" at plan time, ");
        assertThat(service.isAlive()).as("nothing ran").isTrue();
        assertThat(Files.readString(dir.resolve("target/a.txt"))).isEqualTo("old a\n");
    }

    @Test
    void aFolderWithANewEntryIsDrift() throws Exception {
        planned();
        Files.writeString(dir.resolve("target/b.txt"), "someone else's\n");
        assertThat(apply()).isEqualTo(9);
        assertThat(cli.err()).contains(dir.resolve("target") + ": entries 1 at plan time, 2 now")
                .contains(dir.resolve("target") + ": 1 entry differs: b.txt (new: size 15");
    }

    @Test
    void anAlembicRevisionThatMovedIsNamedWithBothRevisions() throws Exception {
        planned();
        SqliteFiles.create(dir.resolve("app.db"), "UPDATE alembic_version SET version_num = 'd4b1'");
        assertThat(apply()).isEqualTo(9);
        assertThat(cli.err()).contains(dir.resolve("app.db") + ": Alembic revision c3a0 at plan time, d4b1 now");
    }

    @Test
    void aGitRepositoryWithANewCommitOrAnEditIsDrift() throws Exception {
        planned();
        Files.writeString(dir.resolve("repo/app.py"), "print('v2')\n");
        assertThat(apply()).isEqualTo(9);
        assertThat(cli.err()).contains(dir.resolve("repo") + ": work tree clean at plan time, 1 paths changed or untracked now")
                .contains(dir.resolve("repo") + ": 1 entry differs: app.py (new: status M)");
        try (Git git = Git.open(dir.resolve("repo").toFile())) {
            git.commit().setAll(true).setMessage("v2").setSign(false).call();
        }
        assertThat(apply()).isEqualTo(9);
        assertThat(cli.err()).contains(dir.resolve("repo") + ": HEAD ");
    }

    @Test
    void aRestartedProcessIsDrift() throws Exception {
        planned();
        service.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        Process old = service;
        service = service(marker);
        assertThat(apply()).isEqualTo(9);
        assertThat(cli.err()).contains("processes matching " + marker + ": 2 entries differ: pid " + Math.min(old.pid(),
                service.pid())).contains("pid " + old.pid() + " (gone)").contains("pid " + service.pid() + " (new: started");
    }

    @Test
    void aBackupWhoseChecksumListChangedIsDrift() throws Exception {
        planned();
        Files.writeString(dir.resolve("backup/SHA256SUMS"), "0".repeat(64) + "  files/a.txt\n");
        assertThat(apply()).isEqualTo(9);
        assertThat(cli.err()).contains(dir.resolve("backup") + ": checksum list SHA256SUMS sha256 ");
    }

    @Test
    void driftDuringTheRunStopsItRightBeforeTheStepThatReadsWhatDrifted() throws Exception {
        // A command the plan cannot see into changes the config behind the plan's back: the check
        // before the first step passes, the one right before check-config does not.
        Files.writeString(dir.resolve("runbook.yaml"), """
                format: 1
                name: saved-plan-meddle
                params:
                  dir: { type: path }
                  pid: { type: string }
                steps:
                  - id: meddle
                    action: exec
                    with: { cmd: [sh, -c, 'echo meddled >> "$0"', "{{ params.dir }}/config.txt"] }
                  - id: check-config
                    needs: [meddle]
                    action: file.check
                    with: { path: "{{ params.dir }}/config.txt", exists: true }
                """);
        planned();
        assertThat(apply()).isEqualTo(9);
        assertThat(cli.err()).contains("runbook: drift: " + dir.resolve("config.txt") + ": size 12 at plan time, 20 now")
                .contains("runbook: stopped before 'check-config'");
        assertThat(Files.readString(dir.resolve("config.txt"))).endsWith("meddled\n");
    }

    @Test
    void anEditedRunbookOnDiskChangesNothingThatRuns() throws Exception {
        planned();
        Files.writeString(dir.resolve("runbook.yaml"), runbook(marker).replace("backup/files", "elsewhere"));
        assertThat(apply()).as(cli.err()).isZero();
        assertThat(Files.readString(dir.resolve("target/a.txt"))).isEqualTo("good a\n");
    }

    @Test
    void aPlanIsAppliedOnce() throws Exception {
        planned();
        assertThat(apply()).as(cli.err()).isZero();
        String first = cli.latestRun();
        assertThat(apply()).isEqualTo(10);
        assertThat(cli.err()).contains("was applied already, by run " + first);
    }

    @Test
    void aPlanThatNeedsApprovalIsRefusedWithoutOneAndWithOneForOtherBytes() throws Exception {
        assertThat(plan("--require-approval")).as(cli.err()).isZero();
        assertThat(apply()).isEqualTo(11);
        assertThat(cli.err()).contains("must be approved before it is applied, and has no approval");
        assertThat(cli.run("approve", dir.resolve("rollback.plan").toString())).isZero();
        assertThat(cli.err()).contains("approved by ");
        assertThat(plan("--require-approval")).isZero(); // saved again: new bytes, the old approval
        assertThat(apply()).isEqualTo(11);
        assertThat(cli.err()).contains(": the approval by ").contains(" is for plan ");
        assertThat(cli.run("approve", dir.resolve("rollback.plan").toString())).isZero();
        assertThat(apply()).as(cli.err()).isZero();
    }

    @Test
    void aRunbookThatRequiresApprovalMakesItsPlansNeedOne() throws Exception {
        Files.writeString(dir.resolve("runbook.yaml"), runbook(marker).replace("name: saved-plan-test",
                "name: saved-plan-test\napproval: required"));
        planned();
        assertThat(apply()).isEqualTo(11);
    }

    @Test
    void aDamagedOrTruncatedPlanIsRefusedInOneLine() throws Exception {
        planned();
        Path plan = dir.resolve("rollback.plan");
        byte[] bytes = Files.readAllBytes(plan);
        Files.write(plan, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        assertThat(apply()).isEqualTo(13);
        assertThat(cli.err()).startsWith("runbook: " + plan + ": damaged plan: its content has sha256 ")
                .contains("(cut short or edited)");
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\"port", "\"p0rt");
        Files.writeString(plan, new String(bytes, StandardCharsets.UTF_8).replace("good", "evil").replace(
                "saved-plan-test", "saved-plan-tesT"));
        assertThat(apply()).isEqualTo(13);
        assertThat(cli.err()).contains("damaged plan");
        Files.writeString(plan, "hello\n");
        assertThat(apply()).isEqualTo(13);
        assertThat(cli.err().strip()).startsWith("runbook: " + plan + ": not a saved plan");
        assertThat(text).isNotEmpty();
    }

    @Test
    void theApprovalKeyIsValidatedWithItsPlace() throws Exception {
        Files.writeString(dir.resolve("runbook.yaml"), runbook(marker).replace("name: saved-plan-test",
                "name: saved-plan-test\napproval: later"));
        assertThat(plan()).isEqualTo(2);
        assertThat(cli.err()).contains(dir.resolve("runbook.yaml") + ":3:11: 'approval' must be one of required, none, found \"later\"");
        assertThat(Files.exists(dir.resolve("rollback.plan"))).isFalse();
    }

    @Test
    void secretsAreNotStoredInThePlanAndAreGivenAgainToApply() throws Exception {
        Files.writeString(dir.resolve("runbook.yaml"), """
                format: 1
                name: saved-plan-secret
                params:
                  dir: { type: path }
                  pid: { type: string }
                  token: { type: string, secret: true }
                steps:
                  - id: write-token
                    action: exec
                    with: { cmd: [sh, -c, 'printf %s "$1" > "$0"', "{{ params.dir }}/token.out", "{{ params.token }}"] }
                """);
        Files.writeString(dir.resolve("token.txt"), "s3cr3t-value");
        assertThat(plan("--secret-file", "token=" + dir.resolve("token.txt"))).as(cli.err()).isZero();
        assertThat(Files.readString(dir.resolve("rollback.plan"))).doesNotContain("s3cr3t-value").contains("\"token\"");
        assertThat(apply()).isEqualTo(2);
        assertThat(cli.err()).contains("token");
        assertThat(apply("--secret-file", "token=" + dir.resolve("token.txt"))).as(cli.err()).isZero();
        assertThat(Files.readString(dir.resolve("token.out"))).isEqualTo("s3cr3t-value");
    }

    @Test
    void aDryRunThatWouldFailSavesNoPlan() throws Exception {
        Files.delete(dir.resolve("config.txt"));
        assertThat(plan()).isNotZero();
        assertThat(cli.err()).contains("plan not saved: the dry run ended with exit ");
        assertThat(Files.exists(dir.resolve("rollback.plan"))).isFalse();
    }

    @Test
    void savingAPlanNeedsADryRun() throws Exception {
        assertThat(cli.run("run", dir.resolve("runbook.yaml").toString(), "-p", "dir=" + dir, "-p", "pid=1",
                "--save-plan", dir.resolve("x.plan").toString())).isEqualTo(64);
        assertThat(Files.exists(dir.resolve("x.plan"))).isFalse();
    }

    private String firstLine() throws IOException {
        return Files.readAllLines(dir.resolve("rollback.plan")).get(0);
    }
}
