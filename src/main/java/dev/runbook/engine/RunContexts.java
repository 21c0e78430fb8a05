package dev.runbook.engine;

import dev.runbook.model.Runbook;
import dev.runbook.model.Var;
import dev.runbook.plan.Host;
import dev.runbook.plan.ParamResolver;
import dev.runbook.plan.PlanError;
import dev.runbook.template.PartialRenderer;
import dev.runbook.template.TemplateError;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a run's template context: params from -p and defaults, vars rendered in order, env, host, run. */
public final class RunContexts {

    private RunContexts() {
    }

    public static RunContext create(Runbook runbook, Map<String, String> given, Map<String, String> environment,
                                    Map<String, Object> run) throws PlanError {
        Map<String, Object> context = new HashMap<>();
        context.put("env", environment);
        context.put("host", Host.facts());
        context.put("run", run);
        context.put("params", ParamResolver.resolve(runbook, given, context));
        Map<String, Object> vars = new LinkedHashMap<>();
        context.put("vars", vars);
        for (Var var : runbook.vars()) {
            try {
                // A new renderer per var: each sees the vars rendered before it.
                vars.put(var.name(), render(var.value(), new PartialRenderer(context, reference -> true)));
            } catch (TemplateError e) {
                throw new PlanError(var.location() + ": vars." + var.name() + " cannot be rendered: " + e.getMessage(),
                        null);
            }
        }
        Map<String, Object> fixed = new HashMap<>(context);
        fixed.remove("run");
        return new RunContext(fixed, run);
    }

    private static Object render(Node node, PartialRenderer renderer) throws TemplateError {
        if (node instanceof Scalar scalar) {
            return scalar.isNull() ? null : renderer.renderValue(scalar.text(), false);
        }
        if (node instanceof Sequence sequence) {
            List<Object> items = new ArrayList<>();
            for (Node item : sequence.items()) {
                items.add(render(item, renderer));
            }
            return items;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Mapping.Entry entry : ((Mapping) node).entries()) {
            map.put(entry.name(), render(entry.value(), renderer));
        }
        return map;
    }
}
