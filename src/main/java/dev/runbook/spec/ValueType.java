package dev.runbook.spec;

import java.util.List;

/**
 * The shape a value must have. Each type checks a YAML node ({@link TypeChecker}), describes
 * itself in messages and docs, and renders its JSON Schema ({@code dev.runbook.schema}).
 */
public sealed interface ValueType {

    /** How a type is named in messages and docs: "a duration", "a list of strings". */
    String describe();

    enum Kind {
        STRING("a string"), PATH("a path"), INT("an integer"), NUMBER("a number"), BOOL("true or false"),
        DURATION("a duration"), SIZE("a size"), EXPRESSION("an expression"),
        /** A shell command line: values inserted by templates are shell-quoted. */
        SHELL("a shell command line");

        private final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    /** A scalar of one kind. */
    record Simple(Kind kind) implements ValueType {
        @Override
        public String describe() {
            return kind.phrase();
        }
    }

    /** One string out of a fixed set. */
    record Choice(List<String> values) implements ValueType {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public String describe() {
            return "one of " + String.join(", ", values);
        }
    }

    /** A list; with {@code singleAllowed} a lone item stands for a one-item list. */
    record ListOf(ValueType item, boolean singleAllowed) implements ValueType {
        @Override
        public String describe() {
            return "a list of " + plural(item.describe());
        }
    }

    /** A mapping from free keys to values of one type. */
    record MapOf(ValueType value) implements ValueType {
        @Override
        public String describe() {
            return "a mapping of names to " + plural(value.describe());
        }
    }

    /** A mapping with declared keys. */
    record Obj(String name, List<Field> fields) implements ValueType {
        public Obj {
            fields = List.copyOf(fields);
        }

        @Override
        public String describe() {
            return "a " + name + " mapping";
        }
    }

    /** Any YAML value (an expected JSON value, say). */
    record Any() implements ValueType {
        @Override
        public String describe() {
            return "any value";
        }
    }

    ValueType STRING = new Simple(Kind.STRING);
    ValueType PATH = new Simple(Kind.PATH);
    ValueType INT = new Simple(Kind.INT);
    ValueType NUMBER = new Simple(Kind.NUMBER);
    ValueType BOOL = new Simple(Kind.BOOL);
    ValueType DURATION = new Simple(Kind.DURATION);
    ValueType SIZE = new Simple(Kind.SIZE);
    ValueType EXPRESSION = new Simple(Kind.EXPRESSION);
    ValueType SHELL = new Simple(Kind.SHELL);
    ValueType ANY = new Any();
    ValueType STRINGS = new ListOf(STRING, true);
    ValueType PATHS = new ListOf(PATH, true);
    ValueType ARGV = new ListOf(STRING, false);

    static ValueType choice(String... values) {
        return new Choice(List.of(values));
    }

    private static String plural(String phrase) {
        String bare = phrase.replaceFirst("^(a|an) ", "");
        if (bare.endsWith("s") || bare.startsWith("true or") || bare.startsWith("one of")) {
            return bare;
        }
        return bare.endsWith("y") ? bare.substring(0, bare.length() - 1) + "ies" : bare + "s";
    }
}
