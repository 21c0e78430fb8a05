package dev.runbook.template;

import java.util.regex.Pattern;

/** POSIX shell quoting: a value becomes one word whatever it holds, including nothing. */
public final class ShellQuote {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellQuote() {
    }

    public static String quote(String value) {
        if (value != null && SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + (value == null ? "" : value.replace("'", "'\\''")) + "'";
    }
}
