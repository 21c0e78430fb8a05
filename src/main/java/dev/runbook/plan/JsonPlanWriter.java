package dev.runbook.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plan as JSON, for tools: the same facts as the text form, with the resolved arguments. */
public final class JsonPlanWriter {

    private JsonPlanWriter() {
    }

    public static String write(Plan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runbook", plan.runbook().name());
        root.put("title", plan.runbook().title());
        root.put("file", plan.runbook().file());
        root.put("sha256", plan.runbook().sha256());
        root.put("scenario", plan.scenario().map(s -> s.name()).orElse(null));
        root.put("params", plan.params());
        root.put("steps", steps(plan.steps()));
        root.put("on_failure", steps(plan.onFailure()));
        root.put("finally", steps(plan.finallySteps()));
        Map<String, Object> coverage = new LinkedHashMap<>();
        coverage.put("steps", plan.alwaysRun().size());
        coverage.put("previewed", plan.alwaysRun().size() - plan.opaque().size());
        coverage.put("opaque", plan.opaque().stream().map(PlannedStep::id).toList());
        root.put("coverage", coverage);
        RollbackPaths rollback = RollbackPaths.of(plan);
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("if_fails", rollback.paths().stream().map(p -> {
            Map<String, Object> path = new LinkedHashMap<>();
            path.put("step", p.stepId());
            path.put("on_error", p.onError().name().toLowerCase(java.util.Locale.ROOT));
            path.put("undos", p.undos());
            return path;
        }).toList());
        paths.put("irreversible", rollback.irreversible());
        root.put("rollback", paths);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan values are strings, lists and maps", e);
        }
    }

    private static List<Object> steps(List<PlannedStep> steps) {
        List<Object> out = new ArrayList<>();
        for (PlannedStep step : steps) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", step.id());
            json.put("title", step.title());
            json.put("action", step.spec().name());
            json.put("summary", step.summary());
            json.put("preview", step.preview().word());
            json.put("needs", step.needs());
            json.put("assumed_done", step.assumed());
            json.put("when", step.when());
            json.put("with", step.with());
            json.put("verify", step.verify());
            json.put("undo", step.undo());
            json.put("confirm", step.step().confirm().isPresent());
            out.add(json);
        }
        return out;
    }
}
