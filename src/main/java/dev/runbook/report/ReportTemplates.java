package dev.runbook.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * Renders report templates safely. Templates come only from {@link TemplateRoots}; the run's values
 * are only ever data in the context, never compiled, so a {@code {{7*7}}} in a command's stderr
 * prints as itself. Strict variables: a misspelt name is an error, not an empty section. A template
 * whose name ends in {@code .html.peb} (or {@code .html}) is HTML-escaped by default; others are
 * not, and use the {@code md} and {@code fence} filters for values. Methods of values cannot be
 * called at all (only Pebble's own loop variables are read), and the output is capped.
 */
public final class ReportTemplates {

    /** Reports are read by people: 4 MiB is far beyond a useful one and stops a runaway loop. */
    public static final int MAX_RENDERED_CHARS = 4 << 20;

    private final TemplateRoots roots;
    private final PebbleEngine text;
    private final PebbleEngine html;

    public ReportTemplates(TemplateRoots roots) {
        this.roots = roots;
        this.text = builder(roots).autoEscaping(false).build();
        this.html = builder(roots).autoEscaping(true).defaultEscapingStrategy("html").build();
    }

    public static boolean isHtml(String name) {
        return name.endsWith(".html.peb") || name.endsWith(".html");
    }

    public String render(String name, Map<String, Object> context) throws ReportException {
        ReportException.check(TemplateRoots.refusal(name));
        if (roots.describe(name).isEmpty()) {
            throw new ReportException("no template '" + name + "' in " + roots.searched());
        }
        try {
            PebbleTemplate template = (isHtml(name) ? html : text).getTemplate(name);
            StringWriter out = new StringWriter();
            template.evaluate(out, context);
            return out.toString();
        } catch (IOException | RuntimeException e) {
            throw new ReportException("template " + name + ": " + describe(e), e);
        }
    }

    private static PebbleEngine.Builder builder(TemplateRoots roots) {
        return new PebbleEngine.Builder()
                .loader(roots)
                .strictVariables(true)
                .newLineTrimming(false)
                // Pebble's own loop variables (loop.index, loop.last) are read through getters; no
                // method of a value from the run may ever be called.
                .methodAccessValidator((object, method) -> object.getClass().getName()
                        .startsWith("io.pebbletemplates.pebble."))
                .extension(new ReportFilters())
                .maxRenderedSize(MAX_RENDERED_CHARS)
                .defaultLocale(java.util.Locale.ROOT);
    }

    private static String describe(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RootAttributeNotFoundException root) {
                return "undefined name '" + root.getAttributeName() + "' (line " + root.getLineNumber() + ")";
            }
            if (cause instanceof AttributeNotFoundException attribute) {
                return "undefined name '" + attribute.getAttributeName() + "' (line " + attribute.getLineNumber()
                        + ")";
            }
        }
        if (e instanceof PebbleException pebble) {
            return pebble.getPebbleMessage() + (pebble.getLineNumber() != null ? " (line " + pebble.getLineNumber()
                    + ")" : "");
        }
        return String.valueOf(e.getMessage());
    }
}
