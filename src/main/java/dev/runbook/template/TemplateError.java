package dev.runbook.template;

/** A template that cannot be rendered: an undefined name, a syntax error, a failing filter. */
public final class TemplateError extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, as a type: callers decide on the kind, never on the message. */
    public enum Kind {
        /** Pebble could not parse it. */
        SYNTAX,
        /** A name that does not exist. */
        UNDEFINED,
        /** A value that is null where text is needed (no {@code | default(...)}). */
        NULL_VALUE,
        /** Over the time, memory, range or output budget of one rendering. */
        BUDGET,
        /** A shell value placed where it cannot be quoted safely, or a tag or filter that changes quoting. */
        UNSAFE,
        /** Anything else a filter or function refused. */
        OTHER
    }

    private final Kind kind;

    public TemplateError(String message, Throwable cause) {
        this(Kind.OTHER, message, cause);
    }

    public TemplateError(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
