package dev.runbook.git;

/**
 * A git operation could not be done: a one-line reason an operator can act on, and whether it
 * stopped before changing anything ({@link #refused}); the action that called it says the same.
 */
public final class GitException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean refused;

    public GitException(String message) {
        this(message, null, false);
    }

    public GitException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private GitException(String message, Throwable cause, boolean refused) {
        super(message, cause, false, false);
        this.refused = refused;
    }

    /** Stopped before changing anything (a lock held, work that would be lost, a path that matches nothing). */
    public static GitException refused(String message) {
        return new GitException(message, null, true);
    }

    public static GitException refused(String message, Throwable cause) {
        return new GitException(message, cause, true);
    }

    public boolean refused() {
        return refused;
    }
}
