package dev.runbook.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.journal.Journal;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.support.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checklist gate (the confirm action) is for a person: --yes does not pass it; without a terminal
 * it is recorded as not checked, and the summary, `show` and the reports say so;
 * --vouch-for-checks records that the operator vouches for it.
 */
class HumanChecksTest {

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli(() -> dir);

    private Path runbook() throws Exception {
        Path file = dir.resolve("checks.yaml");
        Files.writeString(file, """
                format: 1
                name: checks
                steps:
                  - { id: done, action: wait, with: { duration: 1ms } }
                  - id: manual
                    needs: [done]
                    action: confirm
                    with: { prompt: "In the IDE: are the tools registered?" }
                """);
        return file;
    }

    @Test
    void yesDoesNotPassAHumanCheck() throws Exception {
        int code = cli.run("run", runbook().toString(), "--yes");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("'In the IDE: are the tools registered?' is a check for a person and there is "
                        + "no terminal: recorded as not checked")
                .contains("not checked manual in ")
                .contains("not checked by a person (there was no terminal): In the IDE: are the tools registered?")
                .contains("human checks no person made: manual not checked");
        String runId = cli.latestRun();
        try (Journal journal = Journal.open(cli.state().resolve("journal.db"))) {
            assertThat(journal.steps(runId)).filteredOn(s -> s.stepId().equals("manual"))
                    .extracting(StepRecord::status).containsExactly(StepStatus.NOT_CHECKED);
        }
        assertThat(cli.run("show", runId)).isZero();
        assertThat(cli.out()).contains("not_checked").contains("human checks no person made: manual not_checked");
        assertThat(cli.run("report", runId)).as(cli.err()).isZero();
        assertThat(cli.out()).contains("| ❔ | manual | not_checked |").contains("1 human check(s) not checked by a person");
        assertThat(cli.run("report", runId, "--format", "html")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("1 human check(s) not checked by a person");
    }

    @Test
    void vouchingIsRecordedAsSuch() throws Exception {
        int code = cli.run("run", runbook().toString(), "--vouch-for-checks");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("vouched manual in ").doesNotContain("no terminal")
                .contains("human checks no person made: manual vouched");
        try (Journal journal = Journal.open(cli.state().resolve("journal.db"))) {
            assertThat(journal.steps(cli.latestRun())).filteredOn(s -> s.stepId().equals("manual"))
                    .extracting(StepRecord::status).containsExactly(StepStatus.VOUCHED);
        }
    }
}
