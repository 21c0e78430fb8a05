package dev.runbook.journal;

import static dev.runbook.journal.JournalTest.at;
import static dev.runbook.journal.JournalTest.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.template.Masker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is committed when, seen through a second connection to the same file (WAL readers see only
 * committed transactions): intents at once, outcomes with the next intent or the lag timer.
 */
class BatchingTest {

    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;

    private static List<String> seen(Journal reader, String runId) {
        return reader.steps(runId).stream().map(s -> s.stepId() + "#" + s.attempt() + ":" + s.status().word()).toList();
    }

    @Test
    void anIntentIsCommittedAtOnceAndAnOutcomeWithTheNextIntent() throws RunLocked {
        Path file = dir.resolve("journal.db");
        try (Journal writer = Journal.open(file, CommitPolicy.BATCHED, NEVER); Journal reader = Journal.open(file)) {
            RunRecorder run = writer.startRun(start("tmws", "db1", at(0)), Masker.NONE);
            run.stepStarted("stop", 1, at(1));
            assertThat(seen(reader, run.runId())).containsExactly("stop#1:running");

            run.stepFinished(StepOutcome.succeeded("stop", 1, at(2), OptionalInt.of(0), Map.of()));
            run.stepSkipped("downgrade", "when was false", at(3));
            run.readOnlyStepStarted("current", 1, at(4));
            run.stepFinished(StepOutcome.succeeded("current", 1, at(5), OptionalInt.of(0), Map.of("revision", "abc")));
            assertThat(seen(reader, run.runId())).as("queued, not yet committed").containsExactly("stop#1:running");

            run.stepStarted("restore-db", 1, at(6));
            assertThat(seen(reader, run.runId())).as("committed together, in order, with the next intent")
                    .containsExactly("stop#1:succeeded", "downgrade#0:skipped", "current#1:succeeded",
                            "restore-db#1:running");

            run.stepFinished(StepOutcome.failed("restore-db", 1, at(7), OptionalInt.of(1), "disk full"));
            run.flush();
            assertThat(seen(reader, run.runId())).endsWith("restore-db#1:failed");
        }
    }

    @Test
    void finishCommitsWhatIsQueuedAndReleasesTheLockTogether() throws RunLocked {
        Path file = dir.resolve("journal.db");
        try (Journal writer = Journal.open(file, CommitPolicy.BATCHED, NEVER); Journal reader = Journal.open(file)) {
            RunRecorder run = writer.startRun(start("tmws", "db1", at(0)), Masker.NONE);
            run.stepStarted("stop", 1, at(1));
            run.stepFinished(StepOutcome.succeeded("stop", 1, at(2), OptionalInt.of(0), Map.of()));
            run.finish(RunStatus.SUCCEEDED, at(3));
            assertThat(seen(reader, run.runId())).containsExactly("stop#1:succeeded");
            assertThat(reader.run(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(reader.lockHolder("tmws")).isEmpty();
        }
    }

    @Test
    void aQueuedOutcomeIsCommittedWithinTheLagWhenNoIntentFollows() throws RunLocked, InterruptedException {
        Path file = dir.resolve("journal.db");
        try (Journal writer = Journal.open(file, CommitPolicy.BATCHED, Duration.ofMillis(50));
             Journal reader = Journal.open(file)) {
            RunRecorder run = writer.startRun(start("tmws", "db1", at(0)), Masker.NONE);
            run.stepStarted("stop", 1, at(1));
            run.stepFinished(StepOutcome.succeeded("stop", 1, at(2), OptionalInt.of(0), Map.of()));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!seen(reader, run.runId()).equals(List.of("stop#1:succeeded")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(seen(reader, run.runId())).containsExactly("stop#1:succeeded");
        }
    }

    @Test
    void everyTransitionPolicyCommitsEachOneAtOnce() throws RunLocked {
        Path file = dir.resolve("journal.db");
        try (Journal writer = Journal.open(file, CommitPolicy.EVERY_TRANSITION, NEVER);
             Journal reader = Journal.open(file)) {
            RunRecorder run = writer.startRun(start("tmws", "db1", at(0)), Masker.NONE);
            run.readOnlyStepStarted("current", 1, at(1));
            assertThat(seen(reader, run.runId())).containsExactly("current#1:running");
            run.stepFinished(StepOutcome.succeeded("current", 1, at(2), OptionalInt.of(0), Map.of()));
            assertThat(seen(reader, run.runId())).containsExactly("current#1:succeeded");
        }
    }

    @Test
    void closingCommitsWhatIsQueued() throws RunLocked {
        Path file = dir.resolve("journal.db");
        String runId;
        try (Journal writer = Journal.open(file, CommitPolicy.BATCHED, NEVER)) {
            RunRecorder run = writer.startRun(start("tmws", "db1", at(0)), Masker.NONE);
            runId = run.runId();
            run.stepStarted("stop", 1, at(1));
            run.stepFinished(StepOutcome.succeeded("stop", 1, at(2), OptionalInt.of(0), Map.of()));
        }
        try (Journal reader = Journal.open(file)) {
            assertThat(seen(reader, runId)).containsExactly("stop#1:succeeded");
        }
    }
}
