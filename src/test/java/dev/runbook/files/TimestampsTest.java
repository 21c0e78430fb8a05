package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-10-08T10:30:45Z", "2025-10-08T10:30:45.1Z", "2025-10-08T10:30:45.120Z",
            "2025-10-08T10:30:45.123456Z", "2025-10-08T10:30:45.123456789Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z", "2025-10-08T10:30:45.Z", "+10000-01-01T00:00:00Z", "2016-12-31T23:59:60Z"})
    void readsWhatInstantParseReads(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
    }

    @Test
    void everyInstantReadsBackFromItsText() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(4) == 0 ? 0
                    : random.nextInt(1_000_000_000));
            assertThat(Timestamps.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-10-08T10:30:45.1234567890Z", "2025-10-08T1a:30:45Z", "2025-13-08T10:30:45Z", "yesterday"})
    void rejectsWhatInstantParseRejects(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
