package dev.runbook.report;

import java.util.Optional;

/** A report that could not be made: one line saying why (which template, which name, which file). */
public final class ReportException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }

    static void check(Optional<String> refusal) throws ReportException {
        if (refusal.isPresent()) {
            throw new ReportException(refusal.get());
        }
    }
}
