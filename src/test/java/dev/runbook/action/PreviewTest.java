package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A preview's verdict is the value a gate reads; the constructors other code uses keep meaning the same. */
class PreviewTest {

    @Test
    void theOldConstructorsSayTheSameAsVerdicts() {
        Preview refusing = new Preview(PreviewKind.SIMULATED, List.of("would refuse: taken"), Map.of(), true);
        assertThat(refusing.verdict()).isEqualTo(Preview.Verdict.REFUSES);
        assertThat(refusing.refuses()).isTrue();
        assertThat(refusing.reason()).isEqualTo("would refuse: taken");
        assertThat(new Preview(PreviewKind.SIMULATED, List.of("would copy"), Map.of()).verdict())
                .isEqualTo(Preview.Verdict.CHANGES);
        assertThat(new Preview(PreviewKind.PROBED, List.of("healthy"), Map.of(), false).verdict())
                .isEqualTo(Preview.Verdict.NO_CHANGE);
        assertThat(Preview.opaque(List.of("would run make")).verdict()).isEqualTo(Preview.Verdict.OPAQUE);
    }

    @Test
    void theVerdictNotTheWordingDecides() {
        // An effect line that reads like a refusal does not make one, and a refusal needs no such line.
        assertThat(Preview.changes(List.of("would refuse: nothing, this is a file name"), Map.of()).refuses()).isFalse();
        Preview refused = Preview.refusing("tag v1 points elsewhere", List.of("tag v1 is taken"), Map.of());
        assertThat(refused.refuses()).isTrue();
        assertThat(refused.reason()).isEqualTo("tag v1 points elsewhere");
        assertThat(Preview.notProbed("it checks what 'stop' changes").verdict()).isEqualTo(Preview.Verdict.NOT_PROBED);
        assertThat(Preview.noChange(List.of("tag already there"), Map.of()).refuses()).isFalse();
        assertThatThrownBy(() -> Preview.refusing(" ", List.of(), Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyVerdictHasAJournalValueOfTheSameName() {
        for (Preview.Verdict verdict : Preview.Verdict.values()) {
            assertThat(verdict.recorded().name()).isEqualTo(verdict.name());
        }
    }
}
