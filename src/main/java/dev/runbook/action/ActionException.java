package dev.runbook.action;

/**
 * An action could not do what was asked: a one-line reason an operator can act on, and whether it
 * stopped before changing anything. {@link #refused} is the fact a rollback tool needs most ("refused,
 * nothing changed" against "failed midway"); it is a value, never read back from the wording. An
 * action says {@code refused} only where it knows nothing was changed yet; the plain constructors
 * mean "may have changed something", the honest default.
 */
public final class ActionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean refused;

    public ActionException(String message) {
        this(message, null, false);
    }

    public ActionException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ActionException(String message, Throwable cause, boolean refused) {
        super(message, cause, false, false);
        this.refused = refused;
    }

    /** Stopped before changing anything: a precondition did not hold. */
    public static ActionException refused(String message) {
        return new ActionException(message, null, true);
    }

    public static ActionException refused(String message, Throwable cause) {
        return new ActionException(message, cause, true);
    }

    /** True when nothing was changed; false when something may have been. */
    public boolean refused() {
        return refused;
    }
}
