package dev.runbook.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.template.Masker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    static final String SHA = "ab".repeat(32);
    static final Instant T0 = Instant.parse("2026-11-22T03:45:12.345Z");

    @TempDir
    Path dir;

    static RunStart start(String runbook, String host, Instant at) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("app_dir", "/srv/tmws");
        params.put("attempts", 2);
        params.put("revision", null);
        return new RunStart(runbook, SHA, params, Optional.of("database"), true, "ops", host, at);
    }

    static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void createsTheFileAndItsDirectoriesAndRoundTripsARun() throws RunLocked {
        Path file = Journal.location(dir.resolve("state"));
        assertThat(file).isEqualTo(dir.resolve("state/journal.db"));
        String runId;
        try (Journal journal = Journal.open(file)) {
            RunRecorder run = journal.startRun(start("tmws", "db1", T0), Masker.NONE);
            runId = run.runId();
            assertThat(runId).matches("20261122-034512-[0-9a-f]{4}");
            assertThat(run.lockNotice()).isEmpty();
            run.stepStarted("stop", 1, at(10));
            run.stepFinished(StepOutcome.succeeded("stop", 1, at(1510), OptionalInt.of(0),
                    Map.of("stopped", List.of(4242, 4243))));
            run.finish(RunStatus.SUCCEEDED, at(2000));
        }
        try (Journal journal = Journal.open(file)) {
            RunRecord run = journal.run(runId).orElseThrow();
            assertThat(run).isEqualTo(new RunRecord(runId, "tmws", SHA, run.params(), Optional.of("database"), true,
                    "ops", "db1", ProcessHandle.current().pid(), T0, Optional.of(at(2000)), RunStatus.SUCCEEDED));
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("app_dir", "/srv/tmws");
            params.put("attempts", 2);
            params.put("revision", null);
            assertThat(run.params()).containsExactlyEntriesOf(params);
            assertThat(journal.steps(runId)).containsExactly(new StepRecord(runId, "stop", 1, StepStatus.SUCCEEDED,
                    at(10), Optional.of(at(1510)), Optional.of(Duration.ofMillis(1500)), OptionalInt.of(0),
                    Map.of("stopped", List.of(4242, 4243)), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(Failure.NONE), Optional.empty()));
            assertThat(journal.integrityCheck()).isEqualTo("ok");
            assertThat(journal.run("20990101-000000-0000")).isEmpty();
        }
    }

    @Test
    void recordsEveryAttemptAndAnswersTheLatestPerStep() throws RunLocked {
        try (Journal journal = Journal.open(dir.resolve("j.db"))) {
            RunRecorder run = journal.startRun(start("tmws", "db1", T0), Masker.NONE);
            run.stepStarted("verify-backup", 1, at(0));
            run.stepFinished(StepOutcome.succeeded("verify-backup", 1, at(5), OptionalInt.empty(), Map.of()));
            run.stepStarted("tests", 1, at(10));
            run.stepFinished(StepOutcome.failed("tests", 1, at(20), OptionalInt.of(1), "2 tests failed"));
            run.stepStarted("tests", 2, at(30));
            run.stepFinished(StepOutcome.succeeded("tests", 2, at(40), OptionalInt.of(0), Map.of()));
            run.stepSkipped("downgrade", "when was false: revision is null", at(50));
            run.stepStarted("health", 1, at(60));

            List<StepRecord> all = journal.steps(run.runId());
            assertThat(all).extracting(s -> s.stepId() + "#" + s.attempt() + ":" + s.status().word()).containsExactly(
                    "verify-backup#1:succeeded", "tests#1:failed", "tests#2:succeeded", "downgrade#0:skipped",
                    "health#1:running");
            assertThat(all.get(1).error()).contains("2 tests failed");
            assertThat(all.get(1).exitCode()).hasValue(1);
            assertThat(all.get(3).reason()).contains("when was false: revision is null");

            List<StepRecord> latest = journal.latestSteps(run.runId());
            assertThat(latest).extracting(s -> s.stepId() + "#" + s.attempt() + ":" + s.status().word()).containsExactly(
                    "verify-backup#1:succeeded", "tests#2:succeeded", "downgrade#0:skipped", "health#1:running");
            assertThat(latest).filteredOn(StepRecord::running).extracting(StepRecord::stepId).containsExactly("health");
        }
    }

    @Test
    void refusesTransitionsThatBreakTheOrder() throws RunLocked {
        try (Journal journal = Journal.open(dir.resolve("j.db"))) {
            RunRecorder run = journal.startRun(start("tmws", "db1", T0), Masker.NONE);
            assertThatThrownBy(() -> run.stepFinished(StepOutcome.succeeded("stop", 1, at(1), OptionalInt.empty(),
                    Map.of()))).hasMessage("step 'stop' attempt 1 finished but was not started in run " + run.runId());
            run.stepStarted("stop", 1, at(0));
            assertThatThrownBy(() -> run.stepStarted("stop", 1, at(1))).hasMessageContaining("already running");
            assertThatThrownBy(() -> run.stepStarted("stop", 0, at(1))).hasMessageContaining("attempts count from 1");
            assertThatThrownBy(() -> new StepOutcome("stop", 1, StepStatus.RUNNING, at(1), null, Map.of(), null))
                    .hasMessage("an attempt cannot end as running");
            run.finish(RunStatus.FAILED, at(2));
            assertThatThrownBy(() -> run.stepStarted("next", 1, at(3))).hasMessageContaining("is finished");
        }
    }

    @Test
    void marksRecordUndoAndInterruptionWithoutLosingTheEnd() throws RunLocked {
        try (Journal journal = Journal.open(dir.resolve("j.db"))) {
            RunRecorder run = journal.startRun(start("tmws", "db1", T0), Masker.NONE);
            run.stepStarted("stop", 1, at(0));
            run.stepFinished(StepOutcome.succeeded("stop", 1, at(100), OptionalInt.empty(), Map.of()));
            run.stepMarked("stop", 1, StepStatus.UNDONE, "rollback after restore-db failed", at(900));
            run.finish(RunStatus.ROLLED_BACK, at(1000));
            StepRecord stop = journal.steps(run.runId()).get(0);
            assertThat(stop.status()).isEqualTo(StepStatus.UNDONE);
            assertThat(stop.endedAt()).contains(at(100));
            assertThat(stop.reason()).contains("rollback after restore-db failed");
            assertThat(journal.run(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.ROLLED_BACK);
        }
    }

    @Test
    void historyIsNewestFirst() throws RunLocked {
        try (Journal journal = Journal.open(dir.resolve("j.db"))) {
            for (int i = 0; i < 3; i++) {
                journal.startRun(start("tmws", "db1", at(i * 60_000L)), Masker.NONE).finish(RunStatus.SUCCEEDED, at(1));
            }
            assertThat(journal.history(2)).extracting(RunRecord::startedAt).containsExactly(at(120_000), at(60_000));
        }
    }

    @Test
    void schemaIsVersionedAndANewerFileIsRefused() throws Exception {
        Path file = dir.resolve("j.db");
        Journal.open(file).close();
        Journal.open(file).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            assertThat(sql.executeQuery("PRAGMA user_version").getInt(1)).isEqualTo(Schema.LATEST);
            assertThat(sql.executeQuery("PRAGMA journal_mode").getString(1)).isEqualTo("wal");
            sql.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> Journal.open(file)).isInstanceOf(JournalException.class)
                .hasMessageContaining("written by a newer runbook (journal schema 99; this one knows up to "
                        + Schema.LATEST + ")");
    }

    @Test
    void aVersionOneFileIsMigratedAndItsRunsReadWithoutAnOrigin() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            for (String statement : Schema.migration(0)) {
                if (!statement.isBlank()) {
                    sql.execute(statement);
                }
            }
            sql.execute("PRAGMA user_version = 1");
            sql.execute("INSERT INTO runs (id, runbook, runbook_sha256, params, scenario, dry_run, user, host, pid, "
                    + "started_at, status) VALUES ('20260101-000000-abcd', 'old', '" + SHA + "', '{}', NULL, 0, 'ops', "
                    + "'db1', 1, '2026-01-01T00:00:00.000Z', 'failed')");
        }
        try (Journal journal = Journal.open(file)) {
            RunRecord run = journal.run("20260101-000000-abcd").orElseThrow();
            assertThat(run.origin()).isEqualTo(RunOrigin.UNKNOWN);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            assertThat(sql.executeQuery("PRAGMA user_version").getInt(1)).isEqualTo(Schema.LATEST);
        }
    }

    @Test
    void openingIsWhereTheDirectoryIsMadeAndAFileInTheWayIsReported() throws Exception {
        Files.writeString(dir.resolve("state"), "not a directory");
        assertThatThrownBy(() -> Journal.open(dir.resolve("state/journal.db"))).isInstanceOf(JournalException.class)
                .hasMessageContaining("cannot create the journal's directory");
    }
}
