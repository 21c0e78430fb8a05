package dev.runbook.fleet;

/** A host the controller could not use: nothing was run there. Its kind is what the operator acts on. */
public final class Unreachable extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why: no connection, the host's key refused (unknown or changed), our key refused, or no Java 17. */
    public enum Kind { DOWN, HOST_KEY, AUTH, NO_JAVA, SETUP }

    private final Kind kind;

    Unreachable(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
