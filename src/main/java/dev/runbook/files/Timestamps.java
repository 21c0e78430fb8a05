package dev.runbook.files;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads the mtimes METADATA.json holds (Instant.toString: 2025-10-08T10:30:45.123456789Z). The
 * common shape is read field by field; anything else goes through Instant.parse, whose formatter
 * machinery made it the largest cost of reading a manifest of thousands of entries.
 */
final class Timestamps {

    private Timestamps() {
    }

    static Instant parse(String text) {
        try {
            if (text.length() >= 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                    && text.charAt(13) == ':' && text.charAt(16) == ':' && text.endsWith("Z")) {
                int nanos = 0;
                int end = text.length() - 1;
                if (end > 19) {
                    if (text.charAt(19) != '.' || end - 20 > 9 || end - 20 < 1) {
                        return Instant.parse(text);
                    }
                    nanos = digits(text, 20, end);
                    for (int i = end - 20; i < 9; i++) {
                        nanos *= 10;
                    }
                }
                return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
                        digits(text, 14, 16), digits(text, 17, 19), nanos).toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(text);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Instant.parse(text);
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
