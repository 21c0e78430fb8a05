package dev.runbook.template;

import java.util.Map;
import java.util.Set;

/**
 * Renders what can be rendered now and leaves the rest as written: the plan knows params and vars
 * but not step outputs, so {@code "{{ vars.db }} at {{ steps['x'].outputs.path }}"} becomes
 * {@code "data/app.db at {{ steps['x'].outputs.path }}"}. Its context must not change once given.
 */
public final class PartialRenderer {

    private final Map<String, Object> context;
    private final Set<String> known;
    // The context does not change while a plan is made, and runbooks repeat the same templates
    // ("{{ vars.db }}") across many steps: render each distinct text once.
    private final Map<String, String> rendered = new java.util.HashMap<>();

    /** {@code known}: the root names the context can answer (params, vars, env, host). */
    public PartialRenderer(Map<String, Object> context, Set<String> known) {
        this.context = context;
        this.known = known;
    }

    public String render(String text) throws TemplateError {
        if (!TemplateScanner.isTemplate(text)) {
            return text;
        }
        String done = rendered.get(text);
        if (done == null) {
            done = renderOnce(text);
            rendered.put(text, done);
        }
        return done;
    }

    private String renderOnce(String text) throws TemplateError {
        if (resolvable(text)) {
            return Templates.render(text, context);
        }
        if (text.contains("{%")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            int close = open < 0 ? -1 : text.indexOf("}}", open + 2);
            if (open < 0 || close < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            String expression = text.substring(open, close + 2);
            out.append(resolvable(expression) ? Templates.render(expression, context) : expression);
            i = close + 2;
        }
        return out.toString();
    }

    private boolean resolvable(String text) {
        TemplateScanner.Scan scan = TemplateScanner.scan(text);
        return scan.ok() && scan.references().stream().allMatch(r -> known.contains(r.root()));
    }
}
