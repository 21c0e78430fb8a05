package dev.runbook.template;

/** A token of a template expression: an identifier, a string or number literal, or punctuation. */
final class Token {

    enum Type { IDENT, STRING, NUMBER, PUNCT }

    final Type type;
    final String text;
    final int start;
    final int end;

    Token(Type type, String text, int start, int end) {
        this.type = type;
        this.text = text;
        this.start = start;
        this.end = end;
    }

    boolean isIdent() {
        return type == Type.IDENT;
    }

    boolean isString() {
        return type == Type.STRING;
    }

    boolean is(String punctOrWord) {
        return (type == Type.PUNCT || type == Type.IDENT) && text.equals(punctOrWord);
    }
}
