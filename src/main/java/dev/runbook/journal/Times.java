package dev.runbook.journal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as stored: fixed-width UTC text to the millisecond ({@code 2026-11-22T03:45:12.345Z}), so
 * the file reads well in the sqlite3 shell and text order is time order.
 */
final class Times {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /**
     * Written field by field rather than through a DateTimeFormatter pattern: two of these go into
     * every step's rows, and the formatter was a tenth of the journal's Java work per step. Years
     * outside 0-9999 (never a run's time) fall back to the ISO form.
     */
    static String stored(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return instant.truncatedTo(ChronoUnit.MILLIS).toString();
        }
        StringBuilder text = new StringBuilder(24);
        digits(text, t.getYear(), 4).append('-');
        digits(text, t.getMonthValue(), 2).append('-');
        digits(text, t.getDayOfMonth(), 2).append('T');
        digits(text, t.getHour(), 2).append(':');
        digits(text, t.getMinute(), 2).append(':');
        digits(text, t.getSecond(), 2).append('.');
        return digits(text, instant.getNano() / 1_000_000, 3).append('Z').toString();
    }

    static Instant parse(String stored) {
        return stored == null ? null : Instant.parse(stored);
    }

    /** To the second, for messages. */
    static String shown(Instant instant) {
        return SHOWN.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(number);
    }
}
