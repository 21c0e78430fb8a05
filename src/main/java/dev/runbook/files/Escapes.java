package dev.runbook.files;

/**
 * GNU coreutils' escaping of file names in checksum lines: a name holding a backslash or a newline
 * is written with {@code \\} and {@code \n} and its line starts with a backslash, so
 * {@code sha256sum -c} reads it back. Also a readable quoting for messages.
 */
public final class Escapes {

    private Escapes() {
    }

    public static boolean needsEscape(String name) {
        return name.indexOf('\\') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0;
    }

    public static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * As GNU sha256sum -c reads an escaped name: only backslash-backslash, backslash-n and
     * backslash-r are escapes; anything else after a backslash makes the line invalid (empty).
     */
    public static java.util.Optional<String> unescapeStrict(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < escaped.length() ? escaped.charAt(++i) : 0;
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> {
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.of(out.toString());
    }

    /** A name in a one-line message: quoted, with control characters made visible. */
    public static String quote(String name) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(c == '\0' ? "\\0" : c < ' ' ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.append('\'').toString();
    }
}
