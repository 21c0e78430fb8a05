package dev.runbook.journal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as stored: fixed-width UTC text to the millisecond ({@code 2026-11-22T03:45:12.345Z}), so
 * the file reads well in the sqlite3 shell and text order is time order.
 */
final class Times {

    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String stored(Instant instant) {
        return STORED.format(instant);
    }

    static Instant parse(String stored) {
        return stored == null ? null : Instant.parse(stored);
    }

    /** To the second, for messages. */
    static String shown(Instant instant) {
        return SHOWN.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
