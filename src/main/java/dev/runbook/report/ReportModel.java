package dev.runbook.report;

import dev.runbook.journal.Journal;
import dev.runbook.journal.ResumeRecord;
import dev.runbook.journal.RunRecord;
import dev.runbook.journal.RunStatus;
import dev.runbook.journal.StepRecord;
import dev.runbook.journal.StepStatus;
import dev.runbook.journal.VerificationRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template context of a report, built from the journal alone, so any past run can be reported
 * on again exactly as it was recorded. Keys are snake_case like the runbook format's; every key is
 * always present (templates run with strict variables), absent values are empty strings, lists or
 * null where docs/TEMPLATES.md says so. Values are as journaled: secrets are already {@code ***}.
 */
public final class ReportModel {

    private ReportModel() {
    }

    /** The run as the journal has it now; {@code extraFacts} are facts collected just now (report.render). */
    public static Map<String, Object> load(Journal journal, String runId, List<Map<String, Object>> extraFacts,
                                           Instant generatedAt) {
        RunRecord run = journal.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        Path logs = journal.file().getParent().resolve("runs").resolve(runId).resolve("logs");
        Map<String, Object> context = of(run, journal.steps(runId), journal.verifications(runId),
                journal.resumes(runId), logs, extraFacts, generatedAt);
        journal.planOf(runId).ifPresent(sha -> runView(context).put("plan_sha256", sha));
        return context;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runView(Map<String, Object> context) {
        return (Map<String, Object>) context.get("run");
    }

    static Map<String, Object> of(RunRecord run, List<StepRecord> attempts, List<VerificationRecord> checks,
                                  List<ResumeRecord> resumes, Path logs, List<Map<String, Object>> extraFacts,
                                  Instant generatedAt) {
        List<Map<String, Object>> steps = StepViews.of(run.startedAt(), attempts, checks, logs);
        Map<String, Object> failed = steps.stream().filter(s -> Boolean.TRUE.equals(s.get("failed")))
                .filter(s -> !Boolean.TRUE.equals(s.get("undo"))).findFirst().orElse(null);
        List<Map<String, Object>> rollback = steps.stream().filter(s -> Boolean.TRUE.equals(s.get("undo"))).toList();
        Map<String, Object> context = new LinkedHashMap<>();
        Instant lastEnd = attempts.stream().map(a -> a.endedAt().orElse(a.startedAt())).max(Instant::compareTo)
                .orElse(run.startedAt());
        Map<String, Object> runView = runView(run, lastEnd, rollback, failed);
        bars(steps, (Long) runView.get("duration_ms"));
        context.put("run", runView);
        context.put("steps", steps);
        context.put("failed_step", failed);
        context.put("rollback", rollbackView(rollback));
        context.put("params", run.params());
        context.put("params_list", StepViews.entries(run.params()));
        context.put("facts", facts(steps, extraFacts));
        List<Map<String, Object>> failures = failures(steps, attempts);
        context.put("failures", failures);
        context.put("resumes", resumes.stream().map(ReportModel::resume).toList());
        Map<String, Object> counts = counts(steps);
        counts.put("attempts", attempts.stream().filter(a -> a.status() != StepStatus.SKIPPED).count());
        counts.put("failed_attempts", failures.size());
        counts.put("resumes", resumes.size());
        context.put("counts", counts);
        context.put("verifications", steps.stream().flatMap(s -> verificationsOf(s).stream()).toList());
        context.put("generated_at", Times.text(generatedAt));
        return context;
    }

    /** Every failed attempt of every step, in the order the attempts started, fixed later or not. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> failures(List<Map<String, Object>> steps, List<StepRecord> attempts) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Map<String, Object> step : steps) {
            for (Map<String, Object> attempt : (List<Map<String, Object>>) step.get("failed_attempts")) {
                byKey.put(step.get("id") + "#" + attempt.get("attempt"), attempt);
            }
        }
        return attempts.stream().map(a -> byKey.get(a.stepId() + "#" + a.attempt())).filter(a -> a != null)
                .toList();
    }

    private static Map<String, Object> resume(ResumeRecord resume) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", Times.text(resume.resumedAt()));
        view.put("status_before", resume.statusBefore().word());
        view.put("host", resume.host());
        return view;
    }

    private static Map<String, Object> runView(RunRecord run, Instant lastEnd,
                                               List<Map<String, Object>> rollback, Map<String, Object> failed) {
        Map<String, Object> view = new LinkedHashMap<>();
        boolean finished = run.status() != RunStatus.RUNNING;
        view.put("id", run.id());
        view.put("runbook", run.runbook());
        view.put("runbook_sha256", run.runbookSha256());
        view.put("plan_sha256", ""); // the saved plan it applied (runbook apply), set by load
        view.put("scenario", run.scenario().orElse(""));
        view.put("status", finished ? run.status().word() : statusSoFar(rollback, failed));
        view.put("finished", finished);
        view.put("dry_run", run.dryRun());
        view.put("user", run.user());
        view.put("host", run.host());
        view.put("started_at", Times.text(run.startedAt()));
        view.put("ended_at", run.endedAt().map(Times::text).orElse(""));
        Instant end = run.endedAt().orElse(lastEnd);
        Duration duration = Duration.between(run.startedAt(), end);
        view.put("duration_ms", duration.toMillis());
        view.put("duration", Times.duration(duration));
        return view;
    }

    /**
     * A run read while its on_failure or finally steps render it is still {@code running} in the
     * journal; what it will end as is already known from its steps.
     */
    private static String statusSoFar(List<Map<String, Object>> rollback, Map<String, Object> failed) {
        if (!rollback.isEmpty()) {
            return rollback.stream().allMatch(s -> "succeeded".equals(s.get("status"))) ? "rolled_back" : "failed";
        }
        return failed == null ? "succeeded" : "failed";
    }

    private static Map<String, Object> rollbackView(List<Map<String, Object>> undos) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("happened", !undos.isEmpty());
        view.put("complete", !undos.isEmpty() && undos.stream().allMatch(s -> "succeeded".equals(s.get("status"))));
        view.put("started_at", undos.isEmpty() ? "" : undos.get(0).get("started_at"));
        view.put("ended_at", undos.isEmpty() ? "" : undos.get(undos.size() - 1).get("ended_at"));
        view.put("steps", undos);
        return view;
    }

    /** Facts found in the journal (the facts output of earlier report.render steps), then the new ones. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> facts(List<Map<String, Object>> steps,
                                                   List<Map<String, Object>> extraFacts) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> step : steps) {
            Object recorded = ((Map<String, Object>) step.get("outputs")).get("facts");
            if (recorded instanceof List<?> list) {
                for (Object fact : list) {
                    if (fact instanceof Map<?, ?> map && map.get("name") != null) {
                        byName.put(String.valueOf(map.get("name")), Facts.view((Map<String, Object>) map));
                    }
                }
            }
        }
        extraFacts.forEach(fact -> byName.put(String.valueOf(fact.get("name")), Facts.view(fact)));
        return List.copyOf(byName.values());
    }

    private static Map<String, Object> counts(List<Map<String, Object>> steps) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("steps", steps.size());
        for (StepStatus status : StepStatus.values()) {
            counts.put(status.word(), steps.stream().filter(s -> status.word().equals(s.get("status"))).count());
        }
        List<Map<String, Object>> checks = steps.stream().flatMap(s -> verificationsOf(s).stream()).toList();
        counts.put("checks", checks.size());
        counts.put("checks_failed", checks.stream().filter(c -> !Boolean.TRUE.equals(c.get("ok"))).count());
        return counts;
    }

    /**
     * Each step's place on the timeline in thousandths of the run: {@code bar_x} where it started,
     * {@code bar_width} how long it took (at least 2, so an instant step still shows).
     */
    private static void bars(List<Map<String, Object>> steps, long runMillis) {
        double total = Math.max(1, runMillis);
        for (Map<String, Object> step : steps) {
            double x = Math.min(1000, ((Number) step.get("offset_ms")).longValue() * 1000 / total);
            double width = Math.max(2, ((Number) step.get("duration_ms")).longValue() * 1000 / total);
            step.put("bar_x", String.format(java.util.Locale.ROOT, "%.1f", Math.min(x, 998)));
            step.put("bar_width", String.format(java.util.Locale.ROOT, "%.1f", Math.min(width, 1000 - Math.min(x, 998))));
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> verificationsOf(Map<String, Object> step) {
        return (List<Map<String, Object>>) step.get("verifications");
    }

    /** Where a step's log would be, if the run wrote one. */
    static String logFile(Path logs, String stepId) {
        if (logs == null) {
            return "";
        }
        Path log = logs.resolve(dev.runbook.model.StepFiles.name(stepId) + ".log");
        return Files.isRegularFile(log) ? log.toString() : "";
    }
}
