package dev.runbook.template;

/** A shell value that cannot be quoted safely where it is, or a filter that would switch quoting off. */
final class UnsafeTemplate extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnsafeTemplate(String message) {
        super(message, null, false, false);
    }
}
