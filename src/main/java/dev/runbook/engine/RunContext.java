package dev.runbook.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template context of a run: params, vars, env, host and run fixed at the start, and each
 * finished step's status and outputs as they arrive (from several step threads at once).
 */
public final class RunContext {

    private final Map<String, Object> fixed;
    private final Map<String, Object> run;
    private final Map<String, Map<String, Object>> steps = new ConcurrentHashMap<>();

    public RunContext(Map<String, Object> fixed, Map<String, Object> run) {
        this.fixed = Map.copyOf(fixed);
        // Synchronised rather than concurrent: run.scenario may be null, which ConcurrentHashMap refuses.
        this.run = java.util.Collections.synchronizedMap(new HashMap<>(run));
    }

    /** The vars as rendered at the start of the run. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> vars() {
        return (Map<String, Object>) fixed.getOrDefault("vars", Map.of());
    }

    void record(StepResult result) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("status", result.status().word());
        step.put("outputs", result.outputs());
        steps.put(result.stepId(), step);
    }

    void failed(String stepId, String error) {
        run.putIfAbsent("failed_step", stepId);
        run.putIfAbsent("error", error == null ? "" : error);
    }

    /**
     * The context for one template rendering; run.now is the time of the call. Steps are a read-only
     * view, not a copy: a step renders only after the steps it reads have finished, and copying
     * every finished step for every step made a long run quadratic.
     */
    public Map<String, Object> snapshot() {
        Map<String, Object> context = new HashMap<>(fixed);
        Map<String, Object> runNow;
        synchronized (run) {
            runNow = new HashMap<>(run);
        }
        runNow.putIfAbsent("failed_step", "");
        runNow.putIfAbsent("error", "");
        runNow.putIfAbsent("undoes", ""); // the run 'runbook undo' reverses; empty in any other run
        runNow.put("now", java.time.OffsetDateTime.now().toString());
        context.put("run", runNow);
        context.put("steps", java.util.Collections.unmodifiableMap(steps));
        return context;
    }
}
