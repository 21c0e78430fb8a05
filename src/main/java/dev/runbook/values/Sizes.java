package dev.runbook.values;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes, read and written in one place. Read: {@code 512}, {@code 844KB}, {@code 1.5GiB}; KB/MB/GB
 * are powers of 1000, KiB/MiB/GiB of 1024, as the units say. Written: always IEC ({@code 1.5 KiB},
 * {@code 510 MiB}), the powers of 1024 that {@code du -h}, {@code ls -h} and {@code df -h} print, so a
 * size in a message matches what the operator sees in the shell; the "i" says which power it is.
 */
public final class Sizes {

    public static final String PATTERN = "^[0-9]+(\\.[0-9]+)?\\s*([kKmMgGtT]i?[bB]|[bB])?$";
    private static final Pattern SIZE = Pattern.compile(PATTERN);
    private static final String[] IEC_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    public static Optional<Long> parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        double number = Double.parseDouble(trimmed.substring(0, numberEnd(trimmed)));
        long factor = switch (unit) {
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            default -> 1L;
        };
        return Optional.of(Math.round(number * factor));
    }

    /**
     * A size for people: {@code 900 B}, {@code 1.5 KiB}, {@code 12 MiB}, {@code 510 MiB}. One decimal
     * below 10 of a unit and none above, as {@code du -h} does; where that rounds up to 1024 the next
     * unit is used ({@code 1.0 MiB}, never {@code 1024 KiB}).
     */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (unit < IEC_UNITS.length - 1 && (unit < 0 || Math.round(value) >= 1024)) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 9.95 ? "%.1f %s" : "%.0f %s", value, IEC_UNITS[unit]);
    }

    private static int numberEnd(String text) {
        int i = 0;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        return i;
    }
}
