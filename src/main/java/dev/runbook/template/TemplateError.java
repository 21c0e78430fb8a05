package dev.runbook.template;

/** A template that cannot be rendered: an undefined name, a syntax error, a failing filter. */
public final class TemplateError extends Exception {

    private static final long serialVersionUID = 1L;

    public TemplateError(String message, Throwable cause) {
        super(message, cause);
    }
}
