package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets become *** in the bytes of a step log; everything else is written as it came. */
class LogMaskTest {

    private static String masked(LogMask mask, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = mask.apply(bytes, 0, bytes.length);
        return out == null ? text : new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void everyOccurrenceIsMaskedAndTheLongerSecretWins() {
        LogMask mask = LogMask.of(List.of("abc", "abcdef"));
        assertThat(masked(mask, "x abcdef y abc z abcabc\n")).isEqualTo("x *** y *** z ******\n");
    }

    @Test
    void textWithoutASecretIsLeftAlone() {
        LogMask mask = LogMask.of(List.of("hunter2"));
        byte[] bytes = "nothing here\n".getBytes(StandardCharsets.UTF_8);
        assertThat(mask.apply(bytes, 0, bytes.length)).isNull();
        assertThat(LogMask.of(List.of()).none()).isTrue();
        assertThat(LogMask.of(List.of("")).none()).isTrue();
    }

    @Test
    void bytesThatAreNotUtf8SurviveAndAnOffsetIsHonoured() {
        LogMask mask = LogMask.of(List.of("pw"));
        byte[] bytes = {'#', (byte) 0xff, 'p', 'w', (byte) 0xfe, '\n', '#'};
        assertThat(mask.apply(bytes, 1, 5)).containsExactly((byte) 0xff, '*', '*', '*', (byte) 0xfe, '\n');
    }

    @Test
    void aSecretOfSeveralLinesIsMaskedLineByLine() {
        LogMask mask = LogMask.of(List.of("-----BEGIN KEY-----\nMIIEsecretbody\n-----END KEY-----"));
        assertThat(masked(mask, "key:\n-----BEGIN KEY-----\nMIIEsecretbody\n-----END KEY-----\n"))
                .isEqualTo("key:\n***\n");
        assertThat(masked(mask, "MIIEsecretbody\n")).as("one of its lines, written alone").isEqualTo("***\n");
    }
}
