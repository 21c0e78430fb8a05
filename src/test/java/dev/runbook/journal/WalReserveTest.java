package dev.runbook.journal;

import static dev.runbook.journal.JournalTest.at;
import static dev.runbook.journal.JournalTest.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.template.Masker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run reserves its WAL up front, so its commits overwrite rather than append: the file must have
 * its full size from the run's first commit, keep it through automatic checkpoints, and hold a
 * journal that reads back whole, before and after the WAL is checkpointed away at close.
 */
class WalReserveTest {

    @TempDir
    Path dir;

    @Test
    void aRunsCommitsOverwriteTheReservedWalThroughCheckpointsAndReadBackWhole() throws Exception {
        Path file = dir.resolve("journal.db");
        Path wal = Path.of(file + "-wal");
        long reserved = 32 + (long) WalReserve.frames() * (4096 + 24);
        int steps = 300; // ~2 frames a step: the WAL restarts (an automatic checkpoint) at least twice
        try (Journal journal = Journal.open(file)) {
            RunRecorder run = journal.startRun(start("tmws", "db1", at(0)), Masker.NONE);
            assertThat(Files.size(wal)).as("reserved by the run's first commit").isEqualTo(reserved);
            for (int i = 0; i < steps; i++) {
                run.stepStarted("s" + i, 1, at(i));
                run.stepFinished(StepOutcome.succeeded("s" + i, 1, at(i), OptionalInt.of(0), Map.of("stdout", "ok " + i)));
                assertThat(Files.size(wal)).as("after step " + i).isEqualTo(reserved);
            }
            run.finish(RunStatus.SUCCEEDED, at(steps));
            assertThat(journal.integrityCheck()).isEqualTo("ok");
            assertThat(journal.steps(run.runId())).hasSize(steps).allMatch(s -> s.status() == StepStatus.SUCCEEDED);
        }
        assertThat(wal).as("the last connection still checkpoints and deletes the WAL").doesNotExist();
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.integrityCheck()).isEqualTo("ok");
            String runId = journal.history(1).get(0).id();
            assertThat(journal.steps(runId)).hasSize(steps);
            assertThat(journal.steps(runId).get(steps - 1).outputs()).containsEntry("stdout", "ok " + (steps - 1));
        }
    }

    @Test
    void aSecondRunOnTheSameFileReservesAgainAndSeesTheFirst() throws Exception {
        Path file = dir.resolve("journal.db");
        try (Journal journal = Journal.open(file)) {
            RunRecorder run = journal.startRun(start("tmws", "db1", at(0)), Masker.NONE);
            run.stepStarted("a", 1, at(1));
            run.finish(RunStatus.FAILED, at(2));
        }
        try (Journal journal = Journal.open(file)) {
            RunRecorder run = journal.startRun(start("praxis", "db1", at(3)), Masker.NONE);
            assertThat(Files.size(Path.of(file + "-wal"))).isGreaterThan(WalReserve.frames() * 4096L);
            run.finish(RunStatus.SUCCEEDED, at(4));
            assertThat(journal.history(10)).hasSize(2);
            assertThat(journal.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void aJournalWithoutAWalGetsNone() throws Exception {
        Path file = dir.resolve("rollback.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement()) {
            sql.executeUpdate("CREATE TABLE t (x)");
            sql.execute("BEGIN IMMEDIATE");
            WalReserve.extend(connection, file);
            sql.execute("ROLLBACK");
        }
        assertThat(Path.of(file + "-wal")).doesNotExist();
    }
}
