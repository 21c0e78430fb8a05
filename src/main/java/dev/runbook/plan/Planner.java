package dev.runbook.plan;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.ActionSpec;
import dev.runbook.action.PreviewKind;
import dev.runbook.model.Param;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Var;
import dev.runbook.template.Masker;
import dev.runbook.template.PartialRenderer;
import dev.runbook.template.TemplateError;
import dev.runbook.spec.ValueType;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Makes the {@link Plan} of a valid runbook: selection, order, and values resolved where possible. */
public final class Planner {

    private static final Set<String> KNOWN_ROOTS = Set.of("params", "vars", "env", "host");
    private static final Set<String> KNOWN_RUN_FIELDS = Set.of("runbook", "scenario", "user");

    /** What a plan can answer: params, vars, env, host, and the run fields fixed before it starts. */
    static boolean knownAtPlanTime(dev.runbook.template.TemplateScanner.Reference ref) {
        return KNOWN_ROOTS.contains(ref.root()) || ref.root().equals("run") && ref.path().size() > 1
                && KNOWN_RUN_FIELDS.contains(ref.path().get(1));
    }

    private final Runbook runbook;
    private final StepGraph graph;
    private final ActionRegistry registry;
    private final Map<String, Object> context = new HashMap<>();
    private Masker masker = Masker.NONE;
    private PartialRenderer renderer;

    public Planner(Runbook runbook, StepGraph graph, ActionRegistry registry) {
        this.runbook = runbook;
        this.graph = graph;
        this.registry = registry;
    }

    public Plan plan(PlanRequest request, Map<String, String> environment) throws PlanError {
        context.put("env", environment);
        context.put("host", Host.facts());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("runbook", runbook.name());
        run.put("scenario", request.scenario().orElse(null));
        run.put("user", System.getProperty("user.name", ""));
        context.put("run", run);
        Map<String, Object> params;
        try {
            params = ParamResolver.resolve(runbook, request.params(), request.origins(), context);
        } catch (PlanError bad) {
            // A wrong scenario or step name is reported with the bad parameters, not after they are fixed.
            List<PlanError.Reason> reasons = new ArrayList<>();
            try {
                Selection.select(runbook, graph, request);
            } catch (PlanError selection) {
                reasons.addAll(selection.reasons());
            }
            reasons.addAll(bad.reasons());
            throw new PlanError(reasons);
        }
        context.put("params", params);
        masker = new Masker(runbook.params().stream().filter(Param::secret)
                .map(p -> params.get(p.name())).filter(Objects::nonNull).map(String::valueOf).toList());
        renderer = new PartialRenderer(context, Planner::knownAtPlanTime);
        Map<String, Object> vars = new LinkedHashMap<>();
        context.put("vars", vars);
        for (Var var : runbook.vars()) {
            vars.put(var.name(), resolve(var.value(), "vars." + var.name(), Masker.NONE, false));
        }
        List<Step> selected = Selection.select(runbook, graph, request);
        Set<String> selectedIds = new java.util.HashSet<>(selected.stream().map(Step::id).toList());
        List<PlannedStep> steps = new ArrayList<>();
        for (Step step : selected) {
            List<String> needs = new ArrayList<>();
            List<String> assumed = new ArrayList<>();
            for (String dep : graph.dependencies(step.id())) {
                (selectedIds.contains(dep) ? needs : assumed).add(dep);
            }
            steps.add(planned(steps.size() + 1, step, needs, assumed));
        }
        Map<String, String> shownParams = new LinkedHashMap<>();
        for (Param param : runbook.params()) {
            Object value = params.get(param.name());
            shownParams.put(param.name(), value == null ? null : masker.mask(String.valueOf(value)));
        }
        return new Plan(runbook, request.scenario().flatMap(runbook::scenario), shownParams, steps,
                hooks(runbook.onFailure()), hooks(runbook.finallySteps()));
    }

    private List<PlannedStep> hooks(List<Step> hookSteps) throws PlanError {
        List<PlannedStep> out = new ArrayList<>();
        for (Step step : hookSteps) {
            out.add(planned(out.size() + 1, step, List.of(), List.of()));
        }
        return out;
    }

    private PlannedStep planned(int number, Step step, List<String> needs, List<String> assumed) throws PlanError {
        ActionSpec spec = registry.find(step.action().action()).orElseThrow();
        Map<String, Object> with = arguments(step.action(), spec, step.id());
        String when = text(step.when(), "when of " + step.id());
        String title = text(step.title(), "title of " + step.id());
        PreviewKind preview = spec.name().equals("exec") && step.readonly() ? PreviewKind.PROBED : spec.preview();
        return new PlannedStep(number, step, title, spec, with, PlanLine.format(spec, with), when, preview, needs,
                assumed, summaries(step.verify(), step.id()), summaries(step.undo(), step.id()),
                text(step.confirm(), "confirm of " + step.id()));
    }

    private String text(java.util.Optional<dev.runbook.model.Text> text, String where) throws PlanError {
        return text.isPresent() ? masker.mask(String.valueOf(render(text.get().value(), where, false))) : null;
    }

    private Map<String, Object> arguments(dev.runbook.model.ActionCall call, ActionSpec spec, String stepId)
            throws PlanError {
        Map<String, Object> with = new LinkedHashMap<>();
        for (Mapping.Entry entry : call.with().entries()) {
            boolean shell = spec.param(entry.name()).map(f -> f.type() == ValueType.SHELL).orElse(false);
            with.put(entry.name(), resolve(entry.value(), "'with' of step '" + stepId + "'", masker, shell));
        }
        return with;
    }

    /** "sqlite.integrity: check integrity of data/app.db", one per verify check or undo action. */
    private List<String> summaries(List<dev.runbook.model.ActionCall> calls, String stepId) throws PlanError {
        List<String> out = new ArrayList<>();
        for (dev.runbook.model.ActionCall call : calls) {
            ActionSpec spec = registry.find(call.action()).orElseThrow();
            out.add(spec.name() + ": " + PlanLine.format(spec, arguments(call, spec, stepId)));
        }
        return out;
    }

    /**
     * A YAML value with its strings rendered as far as possible. Vars stay unmasked, since later
     * templates read them; what the plan shows is masked.
     */
    private Object resolve(Node node, String where, Masker mask, boolean shell) throws PlanError {
        if (node instanceof Scalar scalar) {
            if (scalar.isNull()) {
                return null;
            }
            Object value = render(scalar.text(), where, shell);
            return value instanceof String text ? mask.mask(text) : masked(value, mask);
        }
        if (node instanceof Sequence sequence) {
            List<Object> items = new ArrayList<>();
            for (Node item : sequence.items()) {
                items.add(resolve(item, where, mask, shell));
            }
            return items;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Mapping.Entry entry : ((Mapping) node).entries()) {
            map.put(entry.name(), resolve(entry.value(), where, mask, shell));
        }
        return map;
    }

    /** A native value (a var's list) keeps its shape; its strings are masked all the same. */
    private static Object masked(Object value, Masker mask) {
        if (value instanceof List<?> list) {
            return list.stream().map(item -> masked(item, mask)).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), masked(v, mask)));
            return out;
        }
        return value instanceof String text ? mask.mask(text) : value;
    }

    private Object render(String text, String where, boolean shell) throws PlanError {
        try {
            return renderer.renderValue(text, shell);
        } catch (TemplateError e) {
            if (e.kind() == TemplateError.Kind.NULL_VALUE) {
                // Often guarded by a when (params.x is not null) that only the run decides: the
                // run fails the step if it renders a null; the plan shows the value as written.
                return text;
            }
            throw new PlanError("cannot render " + where + ": " + masker.mask(e.getMessage()), null);
        }
    }
}
