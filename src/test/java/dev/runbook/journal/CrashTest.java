package dev.runbook.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child JVMs write transitions as fast as they can and are killed with SIGKILL at random moments,
 * each next one taking over the dead one's lock. Afterwards the file must be sound, every effect
 * must have its intent in the journal, and what is there must be a prefix of what was recorded.
 */
@Timeout(300)
class CrashTest {

    private static final int KILLS = 8;

    @TempDir
    Path dir;

    @Test
    void theJournalSurvivesSigkillAtAnyMomentWithEveryEffectsIntentOnDisk() throws Exception {
        Path file = dir.resolve("journal.db");
        Path effects = dir.resolve("effects.txt");
        Random random = new Random();
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            Child child = new Child(dir, "write", file.toString(), effects.toString());
            if (i > 0) {
                assertThat(child.notices).singleElement().satisfies(notice -> assertThat(notice)
                        .contains("took over the lock of run " + runIds.get(runIds.size() - 1)));
            }
            runIds.add(child.runId);
            // Up to 1.5 s: long enough for some runs to cross WAL checkpoints (every 256 pages, ~115 steps).
            Thread.sleep(20 + random.nextInt(1500));
            child.kill();
        }

        try (Journal journal = Journal.open(file)) {
            assertThat(journal.integrityCheck()).isEqualTo("ok");
            assertThat(journal.history(100)).extracting(RunRecord::id).containsExactlyInAnyOrderElementsOf(runIds);
            int finished = 0;
            for (String runId : runIds) {
                RunStatus expected = runId.equals(runIds.get(KILLS - 1)) ? RunStatus.RUNNING : RunStatus.INTERRUPTED;
                assertThat(journal.run(runId).orElseThrow().status()).as(runId).isEqualTo(expected);
                finished += checkSteps(journal.steps(runId));
            }
            assertThat(finished).as("the children got some steps done").isGreaterThan(KILLS);
            Map<String, StepRecord> recorded = new HashMap<>();
            for (String runId : runIds) {
                journal.steps(runId).forEach(step -> recorded.put(runId + " " + step.stepId() + " " + step.attempt(), step));
            }
            String written = Files.readString(effects, StandardCharsets.UTF_8);
            List<String> done = List.of(written.substring(0, written.lastIndexOf('\n') + 1).split("\n"));
            assertThat(done).as("effects").isNotEmpty();
            List<String> withoutIntent = done.stream().filter(effect -> !recorded.containsKey(effect)).toList();
            assertThat(withoutIntent).as("effects whose intent is not in the journal (of " + done.size() + ")")
                    .isEmpty();
        }
    }

    /** Only the last attempt started may still be running; attempts count up from 1; returns how many ended. */
    private static int checkSteps(List<StepRecord> steps) {
        Map<String, Integer> lastAttempt = new HashMap<>();
        int finished = 0;
        for (int i = 0; i < steps.size(); i++) {
            StepRecord step = steps.get(i);
            if (step.status() == StepStatus.SKIPPED) {
                assertThat(step.attempt()).isZero();
                continue;
            }
            assertThat(step.attempt()).as(step.toString()).isEqualTo(lastAttempt.getOrDefault(step.stepId(), 0) + 1);
            lastAttempt.put(step.stepId(), step.attempt());
            if (step.running()) {
                assertThat(i).as("a running attempt is the last thing recorded: " + step).isEqualTo(steps.size() - 1);
                assertThat(step.endedAt()).isEmpty();
            } else {
                assertThat(step.endedAt().orElseThrow()).isAfterOrEqualTo(step.startedAt());
                assertThat(step.duration()).isPresent();
                assertThat(step.outputs().isEmpty()).isEqualTo(step.status() == StepStatus.FAILED);
                finished++;
            }
        }
        return finished;
    }
}
