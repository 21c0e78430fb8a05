package dev.runbook.report;

import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.journal.VerificationRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One view per step (its last attempt decides), with every attempt in {@code history}. */
final class StepViews {

    /** Lines of stdout/stderr a report shows inline; the whole of what was kept is in outputs. */
    static final int TAIL_LINES = 20;

    private StepViews() {
    }

    static List<Map<String, Object>> of(Instant runStart, List<StepRecord> attempts, List<VerificationRecord> checks,
                                        Path logs) {
        Map<String, List<StepRecord>> byStep = new LinkedHashMap<>();
        attempts.forEach(a -> byStep.computeIfAbsent(a.stepId(), k -> new ArrayList<>()).add(a));
        List<Map<String, Object>> views = new ArrayList<>();
        for (List<StepRecord> tries : byStep.values()) {
            views.add(view(runStart, tries, checks, logs));
        }
        return views;
    }

    private static Map<String, Object> view(Instant runStart, List<StepRecord> allTries, List<VerificationRecord> checks,
                                            Path logs) {
        // A step skipped as "not reached" and run by a later resume: its real attempts are what count.
        List<StepRecord> attempted = allTries.stream().filter(t -> t.status() != StepStatus.SKIPPED).toList();
        List<StepRecord> tries = attempted.isEmpty() ? allTries : attempted;
        StepRecord last = tries.get(tries.size() - 1);
        StepRecord first = tries.get(0);
        Map<String, Object> view = new LinkedHashMap<>();
        String id = last.stepId();
        int undoAt = id.indexOf(":undo");
        view.put("id", id);
        view.put("title", titleOf(tries));
        view.put("status", last.status().word());
        view.put("failed", failed(last.status()));
        view.put("undo", undoAt > 0);
        view.put("undoes", undoAt > 0 ? id.substring(0, undoAt) : "");
        view.put("attempts", last.attempt());
        view.put("started_at", Times.text(first.startedAt()));
        view.put("ended_at", last.endedAt().map(Times::text).orElse(""));
        // The time spent in attempts, not the span from the first to the last: a resume may come hours later.
        Duration duration = tries.stream().map(t -> Duration.between(t.startedAt(), t.endedAt().orElse(t.startedAt())))
                .reduce(Duration.ZERO, Duration::plus);
        view.put("duration_ms", duration.toMillis());
        view.put("duration", Times.duration(duration));
        view.put("offset_ms", Math.max(0, Duration.between(runStart, first.startedAt()).toMillis()));
        view.put("exit_code", last.exitCode().isPresent() ? last.exitCode().getAsInt() : null);
        view.put("error", last.error().orElse(""));
        view.put("reason", last.reason().orElse(""));
        kinds(view, last);
        view.put("outputs", last.outputs());
        view.put("outputs_list", entries(last.outputs()));
        view.put("notes", last.outputs().get("notes") instanceof List<?> notes
                ? notes.stream().map(String::valueOf).toList() : List.of());
        view.put("command", text(last.outputs().get("command")));
        view.put("stdout_tail", tail(text(last.outputs().get("stdout"))));
        view.put("stderr_tail", tail(text(last.outputs().get("stderr"))));
        // Owner, mode or hard links a backup or restore could not keep: a report must say so, not only the journal.
        view.put("metadata_not_kept", last.outputs().get("metadata_not_kept") instanceof java.util.List<?> lost
                ? lost.stream().map(String::valueOf).toList() : java.util.List.of());
        view.put("log", ReportModel.logFile(logs, id));
        view.put("verifications", checks.stream().filter(c -> c.stepId().equals(id) && c.attempt() == last.attempt())
                .map(StepViews::check).toList());
        List<Map<String, Object>> history = tries.stream().map(StepViews::attempt).toList();
        view.put("history", history);
        // Every attempt that failed, the last one included: a step that failed twice and then
        // succeeded (after a retry or a resume) says so, with each error.
        view.put("failed_attempts", history.stream().filter(a -> Boolean.TRUE.equals(a.get("failed"))).toList());
        return view;
    }

    private static Map<String, Object> check(VerificationRecord check) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("step", check.stepId());
        view.put("position", check.position());
        view.put("action", check.action());
        view.put("ok", check.ok());
        view.put("status", check.ok() ? "passed" : "failed");
        view.put("message", check.message().orElse(""));
        view.put("checked_at", Times.text(check.checkedAt()));
        return view;
    }

    private static Map<String, Object> attempt(StepRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("step", record.stepId());
        view.put("title", record.title().orElse(""));
        view.put("attempt", record.attempt());
        view.put("status", record.status().word());
        view.put("failed", failed(record.status()));
        view.put("started_at", Times.text(record.startedAt()));
        view.put("ended_at", record.endedAt().map(Times::text).orElse(""));
        view.put("duration", record.duration().map(Times::duration).orElse(""));
        view.put("exit_code", record.exitCode().isPresent() ? record.exitCode().getAsInt() : null);
        view.put("error", record.error().orElse(""));
        view.put("reason", record.reason().orElse(""));
        kinds(view, record);
        return view;
    }

    /**
     * How the attempt failed and what a dry run's preview concluded, as the journal recorded them:
     * {@code failure} the word ("refused", "" when it did not fail or was not recorded),
     * {@code failure_text} the sentence ("refused before changing anything"), {@code verdict} and
     * {@code verdict_text} likewise. Templates branch on the words, people read the sentences.
     */
    private static void kinds(Map<String, Object> view, StepRecord record) {
        view.put("failure", record.failure().filter(f -> f != dev.runbook.journal.Failure.NONE)
                .map(dev.runbook.journal.Failure::word).orElse(""));
        view.put("failure_text", record.failureSentence().orElse(""));
        view.put("verdict", record.verdict().map(dev.runbook.journal.Verdict::word).orElse(""));
        view.put("verdict_text", record.verdict().map(dev.runbook.journal.Verdict::sentence).orElse(""));
    }

    /** Failed, interrupted or undo_failed: an attempt that did not do what it was for. */
    static boolean failed(StepStatus status) {
        return status == StepStatus.FAILED || status == StepStatus.INTERRUPTED || status == StepStatus.UNDO_FAILED;
    }

    /** The latest title recorded for the step ("" when none: no title, or a journal from before titles). */
    private static String titleOf(List<StepRecord> tries) {
        for (int i = tries.size() - 1; i >= 0; i--) {
            if (tries.get(i).title().isPresent()) {
                return tries.get(i).title().get();
            }
        }
        return "";
    }

    /** A map as [{name, value}]: templates cannot call a map entry's methods (no method calls at all). */
    static List<Map<String, Object>> entries(Map<String, Object> map) {
        List<Map<String, Object>> entries = new ArrayList<>();
        map.forEach((name, value) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("value", value == null ? "" : value);
            entries.add(entry);
        });
        return entries;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** The last {@link #TAIL_LINES} lines, without the final newline. */
    static String tail(String text) {
        List<String> lines = text.stripTrailing().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

}
