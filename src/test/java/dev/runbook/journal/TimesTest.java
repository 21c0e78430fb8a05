package dev.runbook.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stored form is fixed-width UTC to the millisecond: the same text the formatter pattern gave. */
class TimesTest {

    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesWhatThePatternWroteAndReadsItBack() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
            String stored = Times.stored(at);
            assertThat(stored).as(at.toString()).isEqualTo(PATTERN.format(at)).hasSize(24);
            assertThat(Times.parse(stored)).isEqualTo(at.truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Test
    void keepsTheWidthOnRoundValues() {
        assertThat(Times.stored(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(Times.stored(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Times.stored(Instant.parse("2026-11-22T03:45:12.0009Z"))).isEqualTo("2026-11-22T03:45:12.000Z");
    }
}
