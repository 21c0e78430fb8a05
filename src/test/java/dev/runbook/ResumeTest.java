package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecord;
import dev.runbook.journal.RunStatus;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `runbook resume` in process, on real files and a real journal. */
class ResumeTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    private Path runbook(String text) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, text.replace("DIR", dir.toString()));
        return file;
    }

    /** Three steps; the second fails until a flag file exists; each appends its id to a ledger. */
    private Path flaky() throws Exception {
        return runbook("""
                format: 1
                name: flaky
                params:
                  token: { type: string, secret: true, default: s3cr3t-value }
                steps:
                  - id: one
                    action: exec
                    with: { shell: "echo one >> DIR/ledger; echo out-of-one" }
                  - id: two
                    action: exec
                    with: { shell: "echo two >> DIR/ledger; test -f DIR/flag" }
                  - id: three
                    action: exec
                    with: { shell: "echo three {{ steps.one.outputs.stdout | trim }} >> DIR/ledger" }
                """);
    }

    @Test
    void aFailedRunResumesAtTheFailedStepWithoutRunningCompletedStepsAgain() throws Exception {
        Path file = flaky();
        assertThat(cli.run("run", file.toString())).isEqualTo(1);
        String runId = cli.latestRun();
        assertThat(cli.err()).endsWith("  hint: fix the cause, then 'runbook resume " + runId + "' goes on from "
                + "'two'; steps that completed are not run again\n");
        Files.writeString(dir.resolve("flag"), "");

        assertThat(cli.run("resume", runId, "-p", "token=s3cr3t-value")).as(cli.err()).isEqualTo(0);

        assertThat(cli.err()).contains("resuming run " + runId + ": 1 step done before is not run again");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("one", "two", "two", "three out-of-one");
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            RunRecord run = journal.run(runId).orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(journal.steps(runId)).extracting(s -> s.stepId() + "#" + s.attempt() + ":" + s.status().word())
                    .containsExactly("one#1:succeeded", "two#1:failed", "three#0:skipped", "two#2:succeeded",
                            "three#1:succeeded");
            assertThat(journal.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void aReportOfAResumedRunCountsTheTimeInAttemptsNotTheWaitForTheResume() throws Exception {
        Path file = flaky();
        cli.run("run", file.toString());
        String runId = cli.latestRun();
        Thread.sleep(1500);
        Files.writeString(dir.resolve("flag"), "");
        assertThat(cli.run("resume", runId, "-p", "token=t0k3n-1")).isZero();

        assertThat(cli.run("report", runId)).isZero();

        // 'three' was skipped as not reached, then ran once after the resume, in milliseconds.
        assertThat(cli.out()).containsPattern("\\| three \\| succeeded \\| 1 \\| \\d+ ms \\|")
                .containsPattern("\\| two \\| succeeded \\| 2 \\| \\d+ ms \\|");
    }

    @Test
    void resumeRunsTheSameSelectionTheRunWasAskedFor() throws Exception {
        Path file = flaky();
        assertThat(cli.run("run", file.toString(), "--only", "two")).isEqualTo(1);
        String runId = cli.latestRun();
        Files.writeString(dir.resolve("flag"), "");

        assertThat(cli.run("resume", runId, "-p", "token=t0k3n-1")).as(cli.err()).isEqualTo(0);

        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("two", "two");
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.run(runId).orElseThrow().origin()).isEqualTo(new dev.runbook.journal.RunOrigin(
                    java.util.Optional.of(file.toString()), List.of("two"), java.util.Optional.empty()));
        }
    }

    @Test
    void aSecretIsAskedForAgainAndOtherParamsCannotChange() throws Exception {
        Path file = flaky();
        cli.run("run", file.toString());
        String runId = cli.latestRun();

        assertThat(cli.run("resume", runId)).isEqualTo(64);
        assertThat(cli.err()).isEqualTo("runbook: secret parameter 'token' is not kept in the journal\n"
                + "  hint: give it again: --secret-file token=PATH, --secret-env token=VAR or -p token=...\n");
        assertThat(cli.run("resume", runId, "-p", "token=t0k3n-2", "-p", "nope=1")).isEqualTo(64);
        assertThat(cli.err()).startsWith("runbook: -p nope: only secret parameters are given again to resume");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("one", "two");

        // The secret again from a file, off the command line.
        Files.writeString(dir.resolve("token"), "s3cr3t-value\n");
        Files.writeString(dir.resolve("flag"), "");
        assertThat(cli.run("resume", runId, "--secret-file", "token=" + dir.resolve("token"))).as(cli.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("one", "two", "two", "three out-of-one");
    }

    @Test
    void aChangedRunbookIsRefusedUnlessForced() throws Exception {
        Path file = flaky();
        cli.run("run", file.toString());
        String runId = cli.latestRun();
        Files.writeString(file, Files.readString(file).replace("test -f DIR/flag".replace("DIR", dir.toString()),
                "true"));

        assertThat(cli.run("resume", runId, "-p", "token=t0k3n-1")).isEqualTo(2);
        assertThat(cli.err()).startsWith("runbook: " + file + " changed since run " + runId + " started (sha256 ")
                .contains("  hint: put it back, or resume with --force to run the changed runbook's remaining steps");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("one", "two");

        assertThat(cli.run("resume", runId, "-p", "token=t0k3n-1", "--force")).as(cli.err()).isEqualTo(0);
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("one", "two", "two", "three out-of-one");
    }

    @Test
    void succeededDryRunAndUnknownRunsAreNotResumed() throws Exception {
        Path file = flaky();
        Files.writeString(dir.resolve("flag"), "");
        assertThat(cli.run("run", file.toString())).isEqualTo(0);
        String succeeded = cli.latestRun();
        assertThat(cli.run("resume", succeeded)).isEqualTo(0);
        assertThat(cli.err()).isEqualTo("run " + succeeded + " already succeeded; nothing to resume\n");

        assertThat(cli.run("run", file.toString(), "--dry-run")).isEqualTo(0);
        String dry = cli.latestRun();
        assertThat(cli.run("resume", dry)).isEqualTo(2);
        assertThat(cli.err()).startsWith("runbook: run " + dry + " was a dry run: it changed nothing");

        assertThat(cli.run("resume", "20990101-000000-0000")).isEqualTo(66);
        assertThat(cli.err()).startsWith("runbook: no run 20990101-000000-0000 in ");
    }

    @Test
    void aRolledBackRunIsNotResumed() throws Exception {
        Path file = runbook("""
                format: 1
                name: rb
                steps:
                  - id: one
                    action: exec
                    with: { shell: "echo one >> DIR/ledger" }
                    undo: { action: exec, with: { shell: "echo undo-one >> DIR/ledger" } }
                  - id: two
                    action: exec
                    on_error: rollback
                    with: { cmd: ["false"] }
                """);
        assertThat(cli.run("run", file.toString())).isEqualTo(4);
        String runId = cli.latestRun();
        assertThat(cli.run("resume", runId)).isEqualTo(2);
        assertThat(cli.err()).startsWith("runbook: run " + runId + " was rolled back");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("one", "undo-one");
    }

    @Test
    void aResumedRunThatFailsAgainRollsBackStepsDoneBeforeTheResume() throws Exception {
        Path file = runbook("""
                format: 1
                name: rb2
                steps:
                  - id: one
                    action: exec
                    with: { shell: "echo one >> DIR/ledger" }
                    undo: { action: exec, with: { shell: "echo undo-one >> DIR/ledger" } }
                  - id: two
                    action: exec
                    with: { shell: "test -f DIR/flag" }
                  - id: three
                    action: exec
                    on_error: rollback
                    with: { shell: "test -f DIR/never" }
                """);
        assertThat(cli.run("run", file.toString())).isEqualTo(1);
        String runId = cli.latestRun();
        Files.writeString(dir.resolve("flag"), "");

        assertThat(cli.run("resume", runId)).isEqualTo(4);

        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("one", "undo-one");
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.run(runId).orElseThrow().status()).isEqualTo(RunStatus.ROLLED_BACK);
            List<StepRecord> one = journal.steps(runId).stream().filter(s -> s.stepId().equals("one")).toList();
            // Done before the resume, undone by the rollback after it.
            assertThat(one).extracting(StepRecord::status).containsExactly(StepStatus.UNDONE);
            assertThat(one.get(0).reason()).contains("undone by the rollback");
        }
    }
}
