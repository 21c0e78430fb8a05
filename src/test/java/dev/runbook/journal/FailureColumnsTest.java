package dev.runbook.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema 7's {@code steps.failure} and {@code steps.verdict}: an older journal (built with the
 * shipped migrations up to version 6, a real SQLite file) is brought up to date keeping what its
 * statuses already say, and a failed row whose kind was never recorded says so rather than guessing.
 */
class FailureColumnsTest {

    private static final String RUN = "20261122-034512-7f3a";

    @TempDir
    Path dir;

    @Test
    void aVersionSixJournalMigratesAndSaysWhatItDidNotRecord() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement()) {
            for (int version = 0; version < 6; version++) {
                for (String statement : Schema.migration(version)) {
                    if (!statement.isBlank()) {
                        sql.execute(statement);
                    }
                }
            }
            sql.execute("INSERT INTO runs (id, runbook, runbook_sha256, params, dry_run, user, host, pid, started_at, "
                    + "status) VALUES ('" + RUN + "', 'tmws', '" + JournalTest.SHA + "', '{}', 0, 'ops', 'db1', "
                    + "1, '2026-11-22T03:45:12.345Z', 'failed')");
            step(sql, "backup", "succeeded");
            step(sql, "stop", "interrupted");
            step(sql, "restore", "failed");
            sql.execute("PRAGMA user_version = 6");
        }
        try (Journal journal = Journal.open(file)) {
            List<StepRecord> steps = journal.steps(RUN);
            assertThat(steps).extracting(StepRecord::failure).containsExactly(Optional.of(Failure.NONE),
                    Optional.of(Failure.INTERRUPTED), Optional.empty());
            assertThat(steps).extracting(StepRecord::verdict).containsOnly(Optional.empty());
            assertThat(steps.get(2).failureSentence()).contains("failed, not recorded whether it changed something");
            assertThat(steps.get(1).failureSentence()).contains("interrupted, may have changed something");
            assertThat(steps.get(0).failureSentence()).isEmpty();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement();
             ResultSet version = sql.executeQuery("PRAGMA user_version")) {
            assertThat(version.getInt(1)).isEqualTo(Schema.LATEST).isGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void anOutcomeKeepsItsKindAndAPreviewItsVerdict() throws Exception {
        try (Journal journal = Journal.open(dir.resolve("journal.db"))) {
            RunRecorder run = journal.startRun(JournalTest.start("tmws", "db1", java.time.Instant.now()), dev.runbook.template.Masker.NONE);
            run.stepStarted("backup", 1, null, java.time.Instant.now());
            run.stepFinished(new StepOutcome("backup", 1, StepStatus.FAILED, java.time.Instant.now(),
                    OptionalInt.empty(), Map.of(), Optional.of("taken.db already exists"), Failure.REFUSED,
                    Optional.empty()));
            run.readOnlyStepStarted("tag", 1, null, java.time.Instant.now());
            run.stepFinished(new StepOutcome("tag", 1, StepStatus.SUCCEEDED, java.time.Instant.now(),
                    OptionalInt.empty(), Map.of(), Optional.empty(), Failure.NONE, Optional.of(Verdict.REFUSES)));
            run.finish(RunStatus.FAILED, java.time.Instant.now());
            List<StepRecord> steps = journal.steps(run.runId());
            assertThat(steps.get(0).failure()).contains(Failure.REFUSED);
            assertThat(steps.get(0).failureSentence()).contains("refused before changing anything");
            assertThat(steps.get(1).failure()).contains(Failure.NONE);
            assertThat(steps.get(1).verdict()).contains(Verdict.REFUSES);
        }
    }

    private static void step(Statement sql, String id, String status) throws Exception {
        sql.execute("INSERT INTO steps (run_id, step_id, attempt, status, started_at, ended_at, error) VALUES ('"
                + RUN + "', '" + id + "', 1, '" + status + "', '2026-11-22T03:45:13.000Z', "
                + "'2026-11-22T03:45:14.000Z', " + (status.equals("failed") ? "'exit 1'" : "NULL") + ")");
    }
}
