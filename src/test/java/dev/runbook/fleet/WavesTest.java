package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WavesTest {

    private static List<Integer> hosts(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void aListOfSizesEndsWithItsLastRepeated() {
        assertThat(Serial.parse("1,25%,100%").waves(hosts(10))).containsExactly(
                List.of(1), List.of(2, 3), List.of(4, 5, 6, 7, 8, 9, 10));
        assertThat(Serial.parse("3").waves(hosts(7))).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
        assertThat(Serial.ALL.waves(hosts(4))).containsExactly(List.of(1, 2, 3, 4));
    }

    @Test
    void aPercentageRoundsDownButAWaveHasAHost() {
        assertThat(Serial.parse("10%").waves(hosts(5))).hasSize(5);
        assertThat(Serial.parse("30%").waves(hosts(10)).get(0)).hasSize(3);
    }

    @Test
    void badSerialEntriesAreNamed() {
        assertThatThrownBy(() -> Serial.parse("1,0")).hasMessage(
                "--serial: '0' is not a host count (1 and up) or a percentage (1% to 100%)");
        assertThatThrownBy(() -> Serial.parse("150%")).hasMessageContaining("'150%'");
    }

    @Test
    void theBudgetIsSpentWhenMoreHostsFailedThanItAllows() {
        assertThat(FailureBudget.NONE.spent(0, 10)).isFalse();
        assertThat(FailureBudget.NONE.spent(1, 10)).isTrue();
        assertThat(FailureBudget.parse("2").spent(2, 10)).isFalse();
        assertThat(FailureBudget.parse("2").spent(3, 10)).isTrue();
        assertThat(FailureBudget.parse("10%").spent(3, 30)).isFalse();
        assertThat(FailureBudget.parse("10%").spent(4, 30)).isTrue();
        assertThat(FailureBudget.parse("100%").spent(30, 30)).isFalse();
        assertThatThrownBy(() -> FailureBudget.parse("-1")).hasMessage(
                "--max-fail: '-1' is not a host count (0 and up) or a percentage (0% to 100%)");
    }
}
