package dev.runbook.spec;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes: {@code 512}, {@code 844KB}, {@code 1.5GiB}; KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024. */
public final class Sizes {

    public static final String PATTERN = "^[0-9]+(\\.[0-9]+)?\\s*([kKmMgGtT]i?[bB]|[bB])?$";
    private static final Pattern SIZE = Pattern.compile(PATTERN);

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

    private static int numberEnd(String text) {
        int i = 0;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        return i;
    }
}
