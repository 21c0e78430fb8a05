package dev.runbook.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.Map;

/**
 * The one Pebble engine for runbook values. Strict variables (an undefined name is an error, never
 * an empty string); templates come only from the runbook's own strings, so {@code include},
 * {@code import} and {@code extends} find nothing to load; rendered values are capped in size.
 * Built lazily: it costs ~130 ms cold, which {@code validate} must not pay.
 */
public final class Templates {

    static final int MAX_RENDERED_CHARS = 1 << 20;


    private Templates() {
    }

    public static String render(String template, Map<String, Object> context) throws TemplateError {
        return render(template, context, false);
    }

    /**
     * With {@code shell} on, every value a {@code {{ }}} inserts is shell-quoted (Pebble's
     * autoescaping with a shell strategy), so "{{ params.dir }}" with spaces or quotes stays one word.
     */
    public static String render(String template, Map<String, Object> context, boolean shell) throws TemplateError {
        if (!TemplateScanner.isTemplate(template)) {
            return template;
        }
        try {
            PebbleTemplate compiled = (shell ? Shell.ENGINE : Plain.ENGINE).getLiteralTemplate(template);
            StringWriter out = new StringWriter();
            compiled.evaluate(out, context);
            return out.toString();
        } catch (IOException | RuntimeException e) {
            throw new TemplateError(describe(e), e);
        }
    }

    /**
     * The undefined name when there is one anywhere in the causes: Pebble wraps it, e.g. in
     * "Could not perform equals comparison" for {{ env.X == 'y' }}, which would hide the real mistake.
     */
    private static String describe(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RootAttributeNotFoundException root) {
                return "undefined name '" + root.getAttributeName() + "'";
            }
            if (cause instanceof AttributeNotFoundException attribute) {
                return "undefined name '" + attribute.getAttributeName() + "'";
            }
        }
        return e instanceof PebbleException pebble ? pebble.getPebbleMessage() : String.valueOf(e.getMessage());
    }

    /** Lazy holders: each engine is built on first use, once, without explicit locking. */
    private static final class Plain {
        static final PebbleEngine ENGINE = builder().autoEscaping(false).build();
    }

    private static final class Shell {
        static final PebbleEngine ENGINE = builder().autoEscaping(true)
                .addEscapingStrategy("shell", ShellQuote::quote).defaultEscapingStrategy("shell").build();
    }

    private static PebbleEngine.Builder builder() {
        return new PebbleEngine.Builder()
                .loader(new NoFiles())
                .strictVariables(true)
                .newLineTrimming(false)
                .maxRenderedSize(MAX_RENDERED_CHARS);
    }

    /** Refuses every name: a runbook value may not pull in a file as a template. */
    private static final class NoFiles implements Loader<String> {
        @Override
        public Reader getReader(String cacheKey) {
            throw new IllegalArgumentException("templates in runbook values cannot load files ('" + cacheKey + "')");
        }

        @Override
        public void setCharset(String charset) {
        }

        @Override
        public void setPrefix(String prefix) {
        }

        @Override
        public void setSuffix(String suffix) {
        }

        @Override
        public String resolveRelativePath(String relativePath, String anchorPath) {
            return relativePath;
        }

        @Override
        public String createCacheKey(String templateName) {
            return templateName;
        }

        @Override
        public boolean resourceExists(String templateName) {
            return false;
        }
    }
}
