package dev.runbook.action;

/** An action could not do what was asked: a one-line reason an operator can act on. */
public final class ActionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ActionException(String message) {
        super(message, null, false, false);
    }

    public ActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
