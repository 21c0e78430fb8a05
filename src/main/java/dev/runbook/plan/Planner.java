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

    private static final Set<String> KNOWN_AT_PLAN_TIME = Set.of("params", "vars", "env", "host");

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
        Map<String, Object> params = ParamResolver.resolve(runbook, request.params(), context);
        context.put("params", params);
        masker = new Masker(runbook.params().stream().filter(Param::secret)
                .map(p -> params.get(p.name())).filter(Objects::nonNull).map(String::valueOf).toList());
        renderer = new PartialRenderer(context, KNOWN_AT_PLAN_TIME);
        Map<String, Object> vars = new LinkedHashMap<>();
        context.put("vars", vars);
        for (Var var : runbook.vars()) {
            vars.put(var.name(), resolve(var.value(), "vars." + var.name(), Masker.NONE));
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
        Map<String, Object> with = new LinkedHashMap<>();
        for (Mapping.Entry entry : step.action().with().entries()) {
            with.put(entry.name(), resolve(entry.value(), "'with' of step '" + step.id() + "'", masker));
        }
        String when = step.when().isPresent() ? masker.mask(render(step.when().get().value(), "when of " + step.id()))
                : null;
        PreviewKind preview = spec.name().equals("exec") && step.readonly() ? PreviewKind.PROBED : spec.preview();
        return new PlannedStep(number, step, spec, with, PlanLine.format(spec, with), when, preview, needs, assumed);
    }

    /**
     * A YAML value with its strings rendered as far as possible. Vars stay unmasked, since later
     * templates read them; what the plan shows is masked.
     */
    private Object resolve(Node node, String where, Masker mask) throws PlanError {
        if (node instanceof Scalar scalar) {
            return scalar.isNull() ? null : mask.mask(render(scalar.text(), where));
        }
        if (node instanceof Sequence sequence) {
            List<Object> items = new ArrayList<>();
            for (Node item : sequence.items()) {
                items.add(resolve(item, where, mask));
            }
            return items;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Mapping.Entry entry : ((Mapping) node).entries()) {
            map.put(entry.name(), resolve(entry.value(), where, mask));
        }
        return map;
    }

    private String render(String text, String where) throws PlanError {
        try {
            return renderer.render(text);
        } catch (TemplateError e) {
            throw new PlanError("cannot render " + where + ": " + masker.mask(e.getMessage()), null);
        }
    }
}
