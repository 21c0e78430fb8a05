package dev.runbook.engine;

import dev.runbook.model.Runbook;
import dev.runbook.model.Var;
import dev.runbook.plan.Host;
import dev.runbook.plan.ParamResolver;
import dev.runbook.plan.PlanError;
import dev.runbook.template.TemplateError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a run's template context: params from -p and defaults, vars rendered in order, env, host, run. */
public final class RunContexts {

    private RunContexts() {
    }

    public static RunContext create(Runbook runbook, Map<String, String> given, Map<String, String> environment,
                                    Map<String, Object> run) throws PlanError {
        Map<String, Object> base = new HashMap<>();
        base.put("env", environment);
        base.put("host", Host.facts());
        return withParams(runbook, ParamResolver.resolve(runbook, given, base), environment, run);
    }

    /** With params already resolved (the caller needed them first, to mask secrets). */
    public static RunContext withParams(Runbook runbook, Map<String, Object> params, Map<String, String> environment,
                                    Map<String, Object> run) throws PlanError {
        return withParams(runbook, params, environment, run, Map.of());
    }

    /**
     * {@code recorded}: vars an earlier run rendered (runbook undo): each is used as it was instead of
     * rendered again, unless the journal masked a secret in it (then it is rendered from the params).
     */
    public static RunContext withParams(Runbook runbook, Map<String, Object> params, Map<String, String> environment,
                                    Map<String, Object> run, Map<String, Object> recorded) throws PlanError {
        Map<String, Object> context = new HashMap<>();
        context.put("env", environment);
        context.put("host", Host.facts());
        context.put("run", run);
        context.put("params", params);
        Map<String, Object> vars = new LinkedHashMap<>();
        context.put("vars", vars);
        for (Var var : runbook.vars()) {
            Object kept = recorded.get(var.name());
            if (kept != null && !dev.runbook.json.PlainJson.write(kept).contains(dev.runbook.template.Masker.MASK)) {
                vars.put(var.name(), kept);
                continue;
            }
            try {
                // A new renderer per var: each sees the vars rendered before it.
                vars.put(var.name(), new ArgumentRenderer(context).value(var.value(), false));
            } catch (TemplateError e) {
                throw new PlanError(var.location() + ": vars." + var.name() + " cannot be rendered: " + e.getMessage(),
                        null);
            }
        }
        Map<String, Object> fixed = new HashMap<>(context);
        fixed.remove("run");
        return new RunContext(fixed, run);
    }
}
