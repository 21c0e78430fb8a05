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

    private static volatile PebbleEngine engine;

    private Templates() {
    }

    public static String render(String template, Map<String, Object> context) throws TemplateError {
        if (!TemplateScanner.isTemplate(template)) {
            return template;
        }
        try {
            PebbleTemplate compiled = engine().getLiteralTemplate(template);
            StringWriter out = new StringWriter();
            compiled.evaluate(out, context);
            return out.toString();
        } catch (RootAttributeNotFoundException e) {
            throw new TemplateError("undefined name '" + e.getAttributeName() + "'", e);
        } catch (AttributeNotFoundException e) {
            throw new TemplateError("undefined name '" + e.getAttributeName() + "'", e);
        } catch (PebbleException e) {
            throw new TemplateError(e.getPebbleMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new TemplateError(String.valueOf(e.getMessage()), e);
        }
    }

    private static PebbleEngine engine() {
        PebbleEngine local = engine;
        if (local == null) {
            synchronized (Templates.class) {
                local = engine;
                if (local == null) {
                    local = new PebbleEngine.Builder()
                            .loader(new NoFiles())
                            .strictVariables(true)
                            .autoEscaping(false)
                            .newLineTrimming(false)
                            .maxRenderedSize(MAX_RENDERED_CHARS)
                            .build();
                    engine = local;
                }
            }
        }
        return local;
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
