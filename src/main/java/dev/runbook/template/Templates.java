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
     * With {@code shell} on, every value a {@code {{ }}} inserts is quoted for the place it lands in
     * the command (bare, inside '...' or inside "..."; see {@link ShellValues}), so "{{ params.dir }}"
     * with spaces, quotes or {@code $(...)} stays one literal word. Every rendering has a budget
     * ({@link RenderBudget}); a null printed is an error ({@link NullGuard}).
     */
    public static String render(String template, Map<String, Object> context, boolean shell) throws TemplateError {
        if (!TemplateScanner.isTemplate(template)) {
            return template;
        }
        if (shell && (template.indexOf(ShellContext.MARK) >= 0 || template.indexOf(ShellContext.END) >= 0)) {
            throw new TemplateError(TemplateError.Kind.UNSAFE, "a shell command cannot hold NUL or U+0001", null);
        }
        RenderBudget.start();
        if (shell) {
            ShellValues.start();
        }
        try {
            PebbleTemplate compiled = engine(shell).getLiteralTemplate(template);
            StringWriter out = new StringWriter();
            compiled.evaluate(out, context);
            String text = shell ? ShellValues.substitute(out.toString()) : out.toString();
            if (text.length() > MAX_RENDERED_CHARS) {
                throw new RenderBudget.OverBudget("the rendered value is longer than " + MAX_RENDERED_CHARS + " characters");
            }
            return text;
        } catch (IOException | RuntimeException e) {
            throw error(e);
        } catch (StackOverflowError e) {
            throw new TemplateError(TemplateError.Kind.BUDGET, "the template is nested too deeply", null);
        } finally {
            RenderBudget.end();
            ShellValues.end();
        }
    }

    /**
     * Compiles without rendering: the syntax error, if any, with its line in the template (from 1).
     * What {@code validate} uses, so that a template that reads step outputs, which only a run can
     * render, is still checked before anything runs.
     */
    public static java.util.Optional<SyntaxError> syntaxError(String template, boolean shell) {
        if (!TemplateScanner.isTemplate(template)) {
            return java.util.Optional.empty();
        }
        try {
            engine(shell).getLiteralTemplate(template);
            return java.util.Optional.empty();
        } catch (PebbleException e) {
            Integer line = e.getLineNumber();
            return java.util.Optional.of(new SyntaxError(clean(describe(e)), line == null ? 1 : Math.max(1, line)));
        } catch (RuntimeException e) {
            return java.util.Optional.of(new SyntaxError(clean(String.valueOf(e.getMessage())), 1));
        } catch (StackOverflowError e) {
            return java.util.Optional.of(new SyntaxError("the template is nested too deeply", 1));
        }
    }

    /** A syntax error: Pebble's message and the line within the template. */
    public record SyntaxError(String message, int line) {
    }

    private static PebbleEngine engine(boolean shell) {
        return shell ? Shell.ENGINE : Plain.ENGINE;
    }

    private static TemplateError error(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RenderBudget.OverBudget over) {
                return new TemplateError(TemplateError.Kind.BUDGET, over.getMessage(), null);
            }
            if (cause instanceof NullGuard.NullValue nullValue) {
                return new TemplateError(TemplateError.Kind.NULL_VALUE, nullValue.getMessage(), null);
            }
            if (cause instanceof UnsafeTemplate unsafe) {
                return new TemplateError(TemplateError.Kind.UNSAFE, unsafe.getMessage(), null);
            }
            if (cause instanceof RootAttributeNotFoundException || cause instanceof AttributeNotFoundException) {
                return new TemplateError(TemplateError.Kind.UNDEFINED, describe(e), null);
            }
            if (cause instanceof io.pebbletemplates.pebble.error.ParserException) {
                return new TemplateError(TemplateError.Kind.SYNTAX, clean(describe(e)), null);
            }
        }
        return new TemplateError(TemplateError.Kind.OTHER, clean(describe(e)), null);
    }

    /** Pebble's messages end with "({@code literal template} line N)"; the caller gives the place. */
    private static String clean(String message) {
        return message.replaceAll("\\s*\\([^()]*line \\d+\\)\\s*$", "").strip();
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
        static final PebbleEngine ENGINE = builder().autoEscaping(false).extension(new GuardExtension(false)).build();
    }

    private static final class Shell {
        static final PebbleEngine ENGINE = builder().autoEscaping(true).extension(new GuardExtension(true))
                .addEscapingStrategy("shell", ShellValues::placeholder).defaultEscapingStrategy("shell").build();
    }

    private static PebbleEngine.Builder builder() {
        return new PebbleEngine.Builder()
                .loader(new NoFiles())
                .strictVariables(true)
                .newLineTrimming(false)
                .allowOverrideCoreOperators(true)
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
