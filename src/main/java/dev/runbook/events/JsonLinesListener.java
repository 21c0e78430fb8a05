package dev.runbook.events;

import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunResult;
import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.json.PlainJson;
import dev.runbook.model.Step;
import dev.runbook.template.Masker;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** --json: one JSON object per line on stdout for each event (docs/EVENTS.md). Secrets masked. */
public final class JsonLinesListener implements RunListener {

    private final PrintWriter out;
    private final Masker masker;
    private final java.util.function.ToIntFunction<RunResult> exitCode;

    public JsonLinesListener(PrintWriter out, Masker masker) {
        this(out, masker, result -> result.status().exitCode());
    }

    /** {@code exitCode}: what the command will exit with (an undo has codes of its own). */
    public JsonLinesListener(PrintWriter out, Masker masker, java.util.function.ToIntFunction<RunResult> exitCode) {
        this.out = out;
        this.masker = masker;
        this.exitCode = exitCode;
    }

    @Override
    public synchronized void runStarted(String runId, String runbook, boolean dryRun) {
        Map<String, Object> event = event("run_started");
        event.put("run", runId);
        event.put("runbook", runbook);
        event.put("dry_run", dryRun);
        emit(event);
    }

    @Override
    public synchronized void runFinished(String runId, RunResult result) {
        Map<String, Object> event = event("run_finished");
        event.put("run", runId);
        event.put("status", result.status().word());
        event.put("exit_code", exitCode.applyAsInt(result));
        event.put("failed_step", result.failedStep().orElse(null));
        emit(event);
    }

    @Override
    public synchronized void stepStarted(Step step, int attempt, String title) {
        Map<String, Object> event = event("step_started");
        event.put("step", step.id());
        event.put("title", title);
        event.put("action", step.action().action());
        event.put("attempt", attempt);
        emit(event);
    }

    @Override
    public synchronized void attemptFailed(Step step, StepResult result) {
        Map<String, Object> event = event("attempt_failed");
        event.put("step", result.stepId());
        event.put("title", result.title());
        event.put("attempt", result.attempts());
        event.put("status", result.status().word());
        event.put("duration_ms", result.duration().toMillis());
        event.put("outputs", result.outputs());
        event.put("error", result.error());
        emit(event);
    }

    @Override
    public synchronized void undoStarted(Step step, String title) {
        Map<String, Object> event = event("undo_started");
        event.put("step", step.id());
        event.put("title", title);
        emit(event);
    }

    @Override
    public synchronized void stepFinished(Step step, StepResult result) {
        boolean skipped = result.status() == StepStatus.SKIPPED;
        Map<String, Object> event = event(skipped ? "step_skipped" : "step_finished");
        event.put("step", result.stepId());
        event.put("title", result.title());
        event.put("status", result.status().word());
        if (!skipped) {
            event.put("attempts", result.attempts());
            event.put("duration_ms", result.duration().toMillis());
            event.put("outputs", result.outputs());
            event.put("effects", result.effects());
            if (result.refused()) {
                event.put("refuses", true); // a dry run's preview: the real run would refuse (read by fleet dry runs)
            }
        }
        event.put(skipped ? "reason" : "error", result.error());
        emit(event);
    }

    private static Map<String, Object> event(String type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", type);
        event.put("time", Instant.now().toString());
        return event;
    }

    private void emit(Map<String, Object> event) {
        // Masked before serialising: a secret with quotes in it is escaped in JSON text.
        out.println(PlainJson.write(masker.maskDeep(event)));
        out.flush();
    }
}
