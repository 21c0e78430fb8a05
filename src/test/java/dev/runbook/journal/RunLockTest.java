package dev.runbook.journal;

import static dev.runbook.journal.JournalTest.at;
import static dev.runbook.journal.JournalTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.template.Masker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The lock against real processes: this test's JVM, and child JVMs killed with SIGKILL. */
@Timeout(120)
class RunLockTest {

    private static final long MY_PID = ProcessHandle.current().pid();
    private static final Instant SINCE = Instant.parse("2026-11-22T03:45:12.800Z");

    @TempDir
    Path dir;

    @Test
    void aSecondRunOfTheSameRunbookIsRefusedInOneLineNamingTheHolder() throws RunLocked {
        Path file = dir.resolve("journal.db");
        try (Journal first = Journal.open(file); Journal second = Journal.open(file)) {
            RunRecorder holder = first.startRun(start("tmws", "db1", SINCE), Masker.NONE);
            assertThatThrownBy(() -> second.startRun(start("tmws", "db1", at(5_000)), Masker.NONE))
                    .isInstanceOf(RunLocked.class)
                    .hasMessage("runbook 'tmws' is locked by run " + holder.runId() + " (pid " + MY_PID
                            + " on host db1, since 2026-11-22T03:45:12Z)")
                    .satisfies(e -> assertThat(((RunLocked) e).holder().process().pid()).isEqualTo(MY_PID));
            assertThat(second.history(10)).as("a refused run is not recorded").hasSize(1);

            RunRecorder other = second.startRun(start("praxis-upgrade", "db1", at(1)), Masker.NONE);
            other.finish(RunStatus.SUCCEEDED, at(2));

            holder.finish(RunStatus.SUCCEEDED, at(3));
            assertThat(second.lockHolder("tmws")).isEmpty();
            RunRecorder next = second.startRun(start("tmws", "db1", at(4)), Masker.NONE);
            assertThat(next.lockNotice()).isEmpty();
            assertThat(second.lockHolder("tmws").orElseThrow().runId()).isEqualTo(next.runId());
        }
    }

    @Test
    void aLockWhoseProcessIsGoneIsTakenOverWithANoticeAndItsStepShowsRunning() throws Exception {
        Path file = dir.resolve("journal.db");
        Child dead = new Child(dir, "hold", file.toString(), "tmws", "testhost", SINCE.toString());
        dead.kill();
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.latestSteps(dead.runId)).singleElement()
                    .satisfies(step -> assertThat(step.stepId() + ":" + step.status().word()).isEqualTo("stop:running"));

            RunRecorder run = journal.startRun(start("tmws", "testhost", at(1)), Masker.NONE);
            assertThat(run.lockNotice()).hasValue("runbook 'tmws': took over the lock of run " + dead.runId + " (pid "
                    + dead.pid() + " on host testhost, since 2026-11-22T03:45:12Z): that process is gone; "
                    + "that run is marked interrupted");
            RunRecord crashed = journal.run(dead.runId).orElseThrow();
            assertThat(crashed.status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(crashed.endedAt()).as("when it died is not known").isEmpty();
            assertThat(journal.latestSteps(dead.runId)).singleElement().satisfies(step -> assertThat(step.running()).isTrue());
            assertThat(journal.lockHolder("tmws").orElseThrow().runId()).isEqualTo(run.runId());
        }
    }

    @Test
    void aLockOnAnotherHostIsNeverTakenOverEvenIfThatPidIsFreeHere() throws Exception {
        Path file = dir.resolve("journal.db");
        Child elsewhere = new Child(dir, "hold", file.toString(), "tmws", "otherhost", SINCE.toString());
        elsewhere.kill();
        try (Journal journal = Journal.open(file)) {
            assertThatThrownBy(() -> journal.startRun(start("tmws", "testhost", at(1)), Masker.NONE))
                    .isInstanceOf(RunLocked.class).hasMessage("runbook 'tmws' is locked by run " + elsewhere.runId
                            + " (pid " + elsewhere.pid() + " on host otherhost, since 2026-11-22T03:45:12Z)");
            assertThat(journal.run(elsewhere.runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        }
    }

    @Test
    void aLiveProcessThatReusedTheHoldersPidDoesNotKeepTheLock() throws Exception {
        Path file = dir.resolve("journal.db");
        Journal.open(file).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            // This JVM's pid, as if an earlier process with the same pid had taken the lock.
            sql.execute("INSERT INTO locks VALUES ('tmws', '20261121-000000-0000', " + MY_PID + ", 'testhost', "
                    + "'an-earlier-boot/12345', '2026-11-21T00:00:00.000Z')");
        }
        try (Journal journal = Journal.open(file)) {
            RunRecorder run = journal.startRun(start("tmws", "testhost", at(1)), Masker.NONE);
            assertThat(run.lockNotice()).hasValue("runbook 'tmws': took over the lock of run 20261121-000000-0000 (pid "
                    + MY_PID + " on host testhost, since 2026-11-21T00:00:00Z): pid " + MY_PID
                    + " now belongs to another process; that run is marked interrupted");
        }
    }

    @Test
    void theSameProcessIsRecognisedByItsStartMark() {
        ProcessIdentity me = ProcessIdentity.current("testhost");
        assertThat(me.startMark()).isPresent();
        assertThat(me.goneFrom("testhost")).isEmpty();
        assertThat(me.goneFrom("otherhost")).as("cannot be judged from another host").isEmpty();
    }

    @Test
    void resumeTakesOverItsOwnDeadLockAndCanEndTheAttemptItDiedIn() throws Exception {
        Path file = dir.resolve("journal.db");
        Child dead = new Child(dir, "hold", file.toString(), "tmws", "testhost", SINCE.toString());
        dead.kill();
        try (Journal journal = Journal.open(file)) {
            RunRecorder resumed = journal.continueRun(dead.runId, Masker.NONE, "testhost", at(1));
            assertThat(resumed.lockNotice()).hasValueSatisfying(n -> assertThat(n).contains("that process is gone"));
            RunRecord run = journal.run(dead.runId).orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(run.pid()).isEqualTo(MY_PID);

            resumed.stepMarked("stop", 1, StepStatus.INTERRUPTED, "the executor died in it", at(2));
            resumed.stepStarted("stop", 2, at(3));
            resumed.stepFinished(StepOutcome.succeeded("stop", 2, at(4), OptionalInt.of(0), Map.of()));
            resumed.finish(RunStatus.SUCCEEDED, at(5));
            assertThat(journal.steps(dead.runId)).extracting(s -> s.attempt() + ":" + s.status().word())
                    .containsExactly("1:interrupted", "2:succeeded");
            assertThat(journal.lockHolder("tmws")).isEmpty();
            assertThatThrownBy(() -> journal.continueRun("20990101-000000-0000", Masker.NONE, "testhost", at(6)))
                    .isInstanceOf(JournalException.class).hasMessageContaining("no run 20990101-000000-0000");
        }
    }

    @Test
    void aResumeOfARunThatIsStillAliveIsRefused() throws Exception {
        Path file = dir.resolve("journal.db");
        try (Journal journal = Journal.open(file)) {
            RunRecorder live = journal.startRun(start("tmws", "testhost", SINCE), Masker.NONE);
            assertThatThrownBy(() -> journal.continueRun(live.runId(), Masker.NONE, "testhost", at(1)))
                    .isInstanceOf(RunLocked.class);
            assertThat(journal.run(live.runId()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        }
    }
}
