package dev.runbook.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.template.Masker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema 3: each verify check's result, kept per attempt; a schema 1 file migrates forward. */
class VerificationsTest {

    @TempDir
    Path dir;

    @Test
    void recordsEachCheckOfEachAttemptMaskedInStepOrder() throws RunLocked {
        Path file = dir.resolve("j.db");
        String runId;
        try (Journal journal = Journal.open(file)) {
            RunRecorder run = journal.startRun(JournalTest.start("tmws", "db1", JournalTest.T0),
                    new Masker(List.of("hunter2")));
            runId = run.runId();
            run.stepStarted("migrate", 1, JournalTest.at(10));
            run.verificationChecked("migrate", 1, 1, "alembic.current", true, Optional.empty(), JournalTest.at(20));
            run.verificationChecked("migrate", 1, 2, "sqlite.query", false, Optional.of("token hunter2 refused"),
                    JournalTest.at(21));
            run.stepFinished(StepOutcome.failed("migrate", 1, JournalTest.at(22), OptionalInt.empty(), "verify"));
            run.stepStarted("restore", 1, JournalTest.at(30));
            run.verificationChecked("restore", 1, 1, "sqlite.integrity", true, Optional.empty(), JournalTest.at(31));
            run.finish(RunStatus.FAILED, JournalTest.at(40));
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.verifications(runId)).containsExactly(
                    new VerificationRecord(runId, "migrate", 1, 1, "alembic.current", true, Optional.empty(),
                            JournalTest.at(20)),
                    new VerificationRecord(runId, "migrate", 1, 2, "sqlite.query", false,
                            Optional.of("token *** refused"), JournalTest.at(21)),
                    new VerificationRecord(runId, "restore", 1, 1, "sqlite.integrity", true, Optional.empty(),
                            JournalTest.at(31)));
            assertThat(journal.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void aSchemaOneJournalIsMigratedAndKeepsItsRuns() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement()) {
            // Version 1 as shipped: the tables and the one run an older runbook wrote.
            sql.execute("CREATE TABLE runs (id TEXT PRIMARY KEY, runbook TEXT NOT NULL, runbook_sha256 TEXT NOT NULL, "
                    + "params TEXT NOT NULL, scenario TEXT, dry_run INTEGER NOT NULL, user TEXT NOT NULL, host TEXT NOT "
                    + "NULL, pid INTEGER NOT NULL, started_at TEXT NOT NULL, ended_at TEXT, status TEXT NOT NULL)");
            sql.execute("CREATE INDEX runs_by_start ON runs (started_at)");
            sql.execute("CREATE TABLE steps (run_id TEXT NOT NULL REFERENCES runs (id), step_id TEXT NOT NULL, attempt "
                    + "INTEGER NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT, duration_ms "
                    + "INTEGER, exit_code INTEGER, outputs TEXT NOT NULL DEFAULT '{}', error TEXT, reason TEXT, "
                    + "UNIQUE (run_id, step_id, attempt))");
            sql.execute("CREATE TABLE locks (runbook TEXT PRIMARY KEY, run_id TEXT NOT NULL, pid INTEGER NOT NULL, "
                    + "host TEXT NOT NULL, process_start TEXT, locked_at TEXT NOT NULL)");
            sql.execute("INSERT INTO runs VALUES ('20261122-034512-7f3a', 'tmws', '" + JournalTest.SHA + "', '{}', NULL, "
                    + "0, 'ops', 'db1', 1, '2026-11-22T03:45:12.345Z', '2026-11-22T03:46:00.000Z', 'failed')");
            sql.execute("INSERT INTO steps (run_id, step_id, attempt, status, started_at) VALUES "
                    + "('20261122-034512-7f3a', 'stop', 1, 'running', '2026-11-22T03:45:13.000Z')");
            sql.execute("PRAGMA user_version = 1");
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.run("20261122-034512-7f3a").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
            assertThat(journal.steps("20261122-034512-7f3a")).hasSize(1);
            assertThat(journal.verifications("20261122-034512-7f3a")).isEmpty();
            // Schema 4: steps have a title (none for rows written before), runs a list of resumes.
            assertThat(journal.steps("20261122-034512-7f3a").get(0).title()).isEmpty();
            assertThat(journal.resumes("20261122-034512-7f3a")).isEmpty();
            assertThat(journal.integrityCheck()).isEqualTo("ok");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("PRAGMA user_version")) {
            assertThat(row.getInt(1)).isEqualTo(Schema.LATEST);
        }
    }
}
