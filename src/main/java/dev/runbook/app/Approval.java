package dev.runbook.app;

import dev.runbook.action.Effect;
import dev.runbook.console.Confirmer;
import dev.runbook.engine.StepResult;
import dev.runbook.json.PlainJson;
import dev.runbook.plan.Plan;
import dev.runbook.plan.PlannedStep;
import dev.runbook.template.Masker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One approval before anything changes: every selected step that asks for confirmation (a
 * {@code confirm:} key, or a destructive action) is listed with its plan line and, when a person is
 * asked, what its preview says right now ({@link ApprovalPreview}: the run is dry-run first), and the
 * operator is asked once. A step whose asking depends on what the run finds ({@code when:}, a question that
 * reads earlier steps' outputs, an on_failure step) is listed as "may ask". Once approved, no step
 * asks again; the human checks of confirm steps are not approvals and are still asked when reached.
 */
final class Approval {

    /**
     * One step that asks: its id and title, the plan line, the question as written, whether it may
     * not ask, and its preview when the run was dry-run before asking.
     */
    record Item(String stepId, String title, String line, String question, boolean mayAsk,
                Optional<StepResult> preview) {
    }

    private final List<Item> items;
    private final List<StepResult> wouldStop;

    private Approval(List<Item> items, List<StepResult> wouldStop) {
        this.items = List.copyOf(items);
        this.wouldStop = List.copyOf(wouldStop);
    }

    private Approval(List<Item> items) {
        this(items, List.of());
    }

    /** The same approval with each step's live preview, and the steps the preview says would stop the run. */
    Approval previewed(ApprovalPreview.Previewed previewed) {
        return new Approval(items.stream().map(item -> new Item(item.stepId(), item.title(), item.line(),
                item.question(), item.mayAsk(), Optional.ofNullable(previewed.steps().get(item.stepId())))).toList(),
                previewed.wouldStop());
    }

    static Approval of(Plan plan) {
        List<Item> items = new ArrayList<>();
        plan.steps().forEach(s -> item(s, false).ifPresent(items::add));
        plan.finallySteps().forEach(s -> item(s, false).ifPresent(items::add));
        plan.onFailure().forEach(s -> item(s, true).ifPresent(items::add)); // they run only if the run fails
        return new Approval(items);
    }

    private static java.util.Optional<Item> item(PlannedStep planned, boolean onlyOnFailure) {
        boolean destructive = planned.spec().effect() == Effect.DESTRUCTIVE;
        if (planned.step().confirm().isEmpty() && !destructive) {
            return java.util.Optional.empty();
        }
        String question = java.util.Optional.ofNullable(planned.question()).filter(q -> !q.isEmpty())
                .orElse(destructive && planned.step().confirm().isEmpty() ? "(destructive: " + planned.spec().name()
                        + ")" : "Run step '" + planned.id() + "'?");
        // Known only when the run gets there: a condition, or a question that reads earlier steps' outputs.
        String written = planned.step().confirm().map(t -> t.value()).orElse("");
        boolean mayAsk = onlyOnFailure || planned.step().when().isPresent() || written.contains("steps[")
                || written.contains("steps.");
        return java.util.Optional.of(new Item(planned.id(), planned.title(), planned.summary(), question, mayAsk,
                Optional.empty()));
    }

    /** The same approval without the steps a resumed run already completed. */
    Approval without(java.util.Set<String> completed) {
        return new Approval(items.stream().filter(item -> !completed.contains(item.stepId())).toList(), wouldStop);
    }

    List<Item> items() {
        return items;
    }

    /**
     * Lists the steps and asks once (the terminal, --yes, or no without a terminal); true when approved.
     * With --json the list is one {@code approval} event on stdout.
     */
    boolean ask(Settings settings, Masker masker, Runnable beforeAsking) {
        if (settings.json()) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "approval");
            event.put("time", java.time.Instant.now().toString());
            event.put("steps", items.stream().map(Approval::view).toList());
            if (items.stream().anyMatch(item -> item.preview().isPresent())) {
                event.put("would_stop", wouldStop.stream().map(r -> {
                    Map<String, Object> stop = new LinkedHashMap<>();
                    stop.put("step", r.stepId());
                    stop.put("status", r.status().word());
                    stop.put("reason", r.error());
                    return stop;
                }).toList());
            }
            settings.out().println(PlainJson.write(masker.maskDeep(event)));
            settings.out().flush();
        } else {
            settings.err().println(items.size() + " step" + (items.size() == 1 ? " asks" : "s ask")
                    + " for confirmation; one answer approves them all, before anything runs:");
            for (Item item : items) {
                settings.err().println(masker.mask("  " + (item.mayAsk() ? "may ask  " : "asks     ") + item.stepId()
                        + (item.title() == null || item.title().isBlank() ? "" : "  " + item.title()) + ": "
                        + item.line() + "  [" + item.question() + "]"));
                item.preview().ifPresent(preview -> previewLines(preview).forEach(line ->
                        settings.err().println(masker.mask("             preview: " + line))));
            }
            if (!wouldStop.isEmpty()) {
                settings.err().println(masker.mask("the preview says this run would stop at " + wouldStop.stream()
                        .map(r -> r.stepId() + " (" + r.status().word() + (r.error() == null ? "" : ": " + r.error())
                                + ")").collect(java.util.stream.Collectors.joining("; "))));
            }
            settings.err().flush();
        }
        return new Confirmer(settings.yes(), settings.err(), beforeAsking).test("Approve " + (items.size() == 1
                ? "this step" : "these " + items.size() + " steps") + "?");
    }

    /** A step's preview as the approval shows it: its effects, or why it would not run as planned. */
    private static List<String> previewLines(StepResult preview) {
        List<String> lines = new ArrayList<>();
        if (preview.status() != dev.runbook.engine.StepStatus.PREVIEWED || preview.effects().isEmpty()) {
            lines.add(preview.status().word() + (preview.error() == null ? "" : ": " + preview.error()));
        }
        lines.addAll(preview.effects());
        return lines;
    }

    private static Map<String, Object> view(Item item) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("step", item.stepId());
        view.put("title", item.title());
        view.put("line", item.line());
        view.put("question", item.question());
        view.put("may_ask", item.mayAsk());
        item.preview().ifPresent(preview -> {
            view.put("preview_status", preview.status().word());
            view.put("preview", previewLines(preview));
        });
        return view;
    }
}
