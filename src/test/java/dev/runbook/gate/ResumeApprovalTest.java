package dev.runbook.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.journal.Journal;
import dev.runbook.journal.RunStatus;
import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume asks its one approval up front too, for the steps still to run: declined (no terminal,
 * no --yes), the run is not taken up at all — no step runs, no resume is journaled, the run stays
 * failed and resumable; approved, the confirm step runs without asking again.
 */
class ResumeApprovalTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    @Test
    void aDeclinedResumeChangesNothingAndAnApprovedOneRunsTheRest() throws Exception {
        Path file = dir.resolve("resume.yaml");
        Files.writeString(file, """
                format: 1
                name: resume-approval
                steps:
                  - { id: first, action: exec, with: { shell: "echo first >> DIR/ledger" } }
                  - { id: gate, needs: [first], action: exec, with: { shell: "test -e DIR/ready" } }
                  - { id: swap, needs: [gate], confirm: "Swap now?", action: exec, with: { shell: "echo swap >> DIR/ledger" } }
                """.replace("DIR", dir.toString()));
        assertThat(cli.run("run", file.toString(), "--yes")).as(cli.err()).isEqualTo(1);
        String runId = cli.latestRun();
        Files.writeString(dir.resolve("ready"), "");

        assertThat(cli.run("resume", runId)).as(cli.err()).isEqualTo(6);
        assertThat(cli.err()).contains("1 step asks for confirmation; one answer approves them all, before anything "
                + "runs:").contains("swap").doesNotContain("  first ")
                .as("the rest of the run previewed from the state the failed run left")
                .contains("  asks     swap: ").contains("\n             preview: would run")
                .contains("not confirmed: run " + runId + " was not resumed; nothing was changed (exit 6)");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("first");
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.run(runId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
            assertThat(journal.resumes(runId)).as("a declined resume is not journaled").isEmpty();
        }

        assertThat(cli.run("resume", runId, "--yes")).as(cli.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("first", "swap");
        try (Journal journal = Journal.open(dir.resolve("state/journal.db"))) {
            assertThat(journal.run(runId).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(journal.resumes(runId)).hasSize(1);
        }
    }
}
