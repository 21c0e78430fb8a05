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

    /** The inverse of {@link #escape}; an unknown escape is kept as written. */
    public static String unescape(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == '\\' ? '\\' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
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
