package dev.runbook.files;

/**
 * A file operation declined to start (or stopped before changing anything): a one-line reason an
 * operator can act on. Thrown only while the target is still as it was.
 */
public final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    public Refusal(String message) {
        super(message, null, false, false);
    }
}
