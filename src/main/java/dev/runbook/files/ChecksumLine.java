package dev.runbook.files;

import java.util.Locale;
import java.util.Optional;

/**
 * One line of a SHA-256 checksum list, in every form GNU {@code sha256sum -c} reads: {@code HEX  NAME}
 * (text marker), {@code HEX *NAME} (binary marker), {@code HEX NAME} (one space, as {@code md5 -r}
 * style tools write), the BSD tag {@code SHA256 (NAME) = HEX} ({@code sha256sum --tag},
 * {@code shasum -a 256 --tag}), each optionally with leading blanks and, for a name holding a
 * backslash, newline or carriage return, a leading backslash and the name escaped. The name is
 * returned exactly as the line gives it: normalising and checking it is {@link EntryNames}' job.
 */
public record ChecksumLine(String name, String sha256) {

    private static final int HEX = 64;

    /** The line's name and checksum, or empty when the line is not a SHA-256 checksum line. */
    public static Optional<ChecksumLine> parse(String line) {
        int i = 0;
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        boolean escaped = i < line.length() && line.charAt(i) == '\\';
        if (escaped) {
            i++;
        }
        String rest = line.substring(i);
        Optional<String[]> parts = rest.startsWith("SHA256") || rest.startsWith("SHA2-256") ? tag(rest) : plain(rest);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String name = parts.get()[0];
        if (escaped) {
            Optional<String> unescaped = Escapes.unescapeStrict(name);
            if (unescaped.isEmpty()) {
                return Optional.empty();
            }
            name = unescaped.get();
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(new ChecksumLine(name, parts.get()[1].toLowerCase(Locale.ROOT)));
    }

    /** HEX, one blank, then an optional ' ' (text) or '*' (binary) marker, then the name. */
    private static Optional<String[]> plain(String rest) {
        if (rest.length() < HEX + 2 || !isHex(rest, 0) || !isBlank(rest.charAt(HEX))) {
            return Optional.empty();
        }
        int start = HEX + 1;
        char marker = rest.charAt(start);
        if ((marker == ' ' || marker == '*') && rest.length() > start + 1) {
            start++;
        }
        return Optional.of(new String[] {rest.substring(start), rest.substring(0, HEX)});
    }

    /** SHA256 (NAME) = HEX: the name runs to the last ')' (a name may hold parentheses). */
    private static Optional<String[]> tag(String rest) {
        int i = rest.startsWith("SHA2-256") ? 8 : 6;
        if (i < rest.length() && rest.charAt(i) == ' ') {
            i++;
        }
        if (i >= rest.length() || rest.charAt(i) != '(') {
            return Optional.empty();
        }
        int close = rest.lastIndexOf(')');
        if (close <= i) {
            return Optional.empty();
        }
        int j = close + 1;
        while (j < rest.length() && isBlank(rest.charAt(j))) {
            j++;
        }
        if (j >= rest.length() || rest.charAt(j) != '=') {
            return Optional.empty();
        }
        j++;
        while (j < rest.length() && isBlank(rest.charAt(j))) {
            j++;
        }
        if (rest.length() - j != HEX || !isHex(rest, j)) {
            return Optional.empty();
        }
        return Optional.of(new String[] {rest.substring(i + 1, close), rest.substring(j)});
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Whether 64 hex digits start at from (a loop: a regex per line cost ~40% of reading 8,000 lines). */
    private static boolean isHex(String text, int from) {
        if (text.length() < from + HEX) {
            return false;
        }
        for (int i = from; i < from + HEX; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
