package dev.runbook.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.model.Section;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's kinds and the journal's are one vocabulary; results made the old way get a truthful default. */
class FailureKindTest {

    @Test
    void everyKindIsStoredUnderItsOwnName() {
        for (FailureKind kind : FailureKind.values()) {
            assertThat(kind.recorded().name()).isEqualTo(kind.name());
        }
        assertThat(FailureKind.REFUSED.mayHaveChanged()).isFalse();
        assertThat(FailureKind.CHECK_FAILED.mayHaveChanged()).isFalse();
        assertThat(FailureKind.TIMED_OUT.mayHaveChanged()).isTrue();
        assertThat(FailureKind.REFUSED.sentence()).isEqualTo("refused before changing anything");
    }

    @Test
    void aResultMadeWithTheOlderConstructorsTakesTheKindItsStatusImplies() {
        Instant now = Instant.now();
        StepResult failed = new StepResult("s", Section.STEPS, StepStatus.FAILED, 1, Map.of(), "x", List.of(), now, now);
        assertThat(failed.failure()).isEqualTo(FailureKind.FAILED); // "may have changed": the honest default
        StepResult previewed = new StepResult("s", Section.STEPS, StepStatus.PREVIEWED, 0, Map.of(), null, List.of(),
                now, now, null, true);
        assertThat(previewed.failure()).isEqualTo(FailureKind.NONE);
        assertThat(previewed.refused()).isTrue();
        assertThat(previewed.notProbed()).isFalse();
    }
}
