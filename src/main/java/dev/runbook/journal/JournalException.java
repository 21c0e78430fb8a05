package dev.runbook.journal;

/**
 * The journal could not be read or written (disk full, a damaged or newer file). Unchecked: no step
 * may run without its intent on disk, so the engine stops the run rather than handling this.
 */
public final class JournalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
