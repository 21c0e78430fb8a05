package dev.runbook.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a host's {@code runbook run --json} (or undo) said, read from its event stream
 * (docs/EVENTS.md): the remote run id, each step's status, the preview lines of a dry run, and how
 * the run finished; no exit code when the stream ended before run_finished (connection dropped).
 */
final class RemoteResult {

    private Optional<String> runId = Optional.empty();
    private Optional<Integer> exitCode = Optional.empty();
    private Optional<String> failedStep = Optional.empty();
    private String status = "running";
    private final Map<String, String> steps = new LinkedHashMap<>();
    private final List<String> effects = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    /** Reads one event; lines that are not events (there should be none) are ignored. */
    void read(Map<?, ?> event) {
        String kind = String.valueOf(event.get("event"));
        switch (kind) {
            case "run_started" -> runId = Optional.ofNullable((String) event.get("run"));
            case "step_finished", "step_skipped" -> {
                String step = String.valueOf(event.get("step"));
                steps.put(step, String.valueOf(event.get("status")));
                if (event.get("effects") instanceof List<?> lines) {
                    lines.forEach(line -> effects.add(step + ": " + line));
                }
                if (event.get("error") instanceof String error) {
                    errors.add(step + ": " + error);
                } else if ("refuses".equals(event.get("verdict"))) {
                    errors.add(step + ": would refuse" + (event.get("effects") instanceof List<?> l && !l.isEmpty()
                            ? ": " + l.get(l.size() - 1) : ""));
                }
            }
            case "run_finished" -> {
                status = String.valueOf(event.get("status"));
                exitCode = event.get("exit_code") instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
                failedStep = Optional.ofNullable((String) event.get("failed_step"));
            }
            default -> {
                // step_started, undo_started, attempt_failed: the live line shows the step via steps()
            }
        }
    }

    Optional<String> runId() {
        return runId;
    }

    Optional<Integer> exitCode() {
        return exitCode;
    }

    Optional<String> failedStep() {
        return failedStep;
    }

    String status() {
        return status;
    }

    Map<String, String> steps() {
        return steps;
    }

    List<String> effects() {
        return effects;
    }

    List<String> errors() {
        return errors;
    }
}
