package dev.runbook.cli;

/** A user-facing failure: one line of reason, an optional hint, and the exit code it maps to. */
final class CliError extends Exception {

    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final String hint;

    CliError(int exitCode, String message, String hint) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    int exitCode() {
        return exitCode;
    }

    String hint() {
        return hint;
    }
}
