package dev.runbook.alembic;

/** The Alembic project cannot be read, or a target cannot be resolved: a one-line reason. */
public final class AlembicException extends Exception {

    private static final long serialVersionUID = 1L;

    public AlembicException(String message) {
        super(message, null, false, false);
    }
}
