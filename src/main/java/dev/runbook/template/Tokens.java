package dev.runbook.template;

import java.util.List;

/** Splits the inside of {@code {{ }}} or {@code {% %}} into tokens, up to and including the closer. */
final class Tokens {

    private static final java.util.Set<String> TWO_CHAR = java.util.Set.of("==", "!=", "<=", ">=", "&&", "||", "..");

    private Tokens() {
    }

    /** Adds tokens from {@code from}; the last one added is the closer. Returns an error, or null. */
    static String read(String text, int from, String closer, List<Token> out) {
        int i = from;
        if (i < text.length() && text.charAt(i) == '-') {
            i++;
        }
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith(closer, i) || (c == '-' && text.startsWith(closer, i + 1))) {
                int at = c == '-' ? i + 1 : i;
                out.add(new Token(Token.Type.PUNCT, closer, at, at + 2));
                return null;
            } else if (c == '\'' || c == '"') {
                int end = stringEnd(text, i);
                if (end < 0) {
                    return "unclosed string literal";
                }
                out.add(new Token(Token.Type.STRING, unescape(text.substring(i + 1, end)), i, end + 1));
                i = end + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                out.add(new Token(Token.Type.IDENT, text.substring(i, end), i, end));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.'
                        && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1)))) {
                    end++;
                }
                out.add(new Token(Token.Type.NUMBER, text.substring(i, end), i, end));
                i = end;
            } else {
                int width = i + 1 < text.length() && TWO_CHAR.contains(text.substring(i, i + 2)) ? 2 : 1;
                out.add(new Token(Token.Type.PUNCT, text.substring(i, i + width), i, i + width));
                i += width;
            }
        }
        return "unclosed '" + (closer.equals("}}") ? "{{" : "{%") + "'";
    }

    private static int stringEnd(String text, int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String body) {
        return body.indexOf('\\') < 0 ? body : body.replaceAll("\\\\(.)", "$1");
    }
}
