package dev.runbook.engine;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Effect;
import dev.runbook.model.ActionCall;
import dev.runbook.model.OnError;
import dev.runbook.model.Runbook;
import dev.runbook.model.Section;
import dev.runbook.model.Step;
import dev.runbook.model.Text;
import dev.runbook.plan.StepGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code runbook undo} runs: the undo of every step an earlier run completed, last completed
 * first (one step's undo list in the order written), as the steps of a run of their own that the
 * engine runs like any other: in a chain, each stopping the run if it fails (on_error abort: the
 * undos after it would work on a state nobody planned for), with no on_failure or finally (those
 * belong to the forward run). The completed steps' outputs are in the context, as that run left them.
 *
 * <p>{@code irreversible}: completed steps that changed something and declare neither an undo nor
 * an {@code undone_by} step whose undo runs. A step that only read changed nothing and is not listed.
 */
public record UndoPlan(Runbook runbook, StepGraph graph, List<Step> steps, List<StepResult> forward,
                       List<Irreversible> irreversible, Map<String, String> reverses, Set<String> lastOfStep) {

    /** A completed step whose change this undo leaves in place, and why. */
    public record Irreversible(String stepId, String action, String why) {
    }

    public UndoPlan {
        steps = List.copyOf(steps);
        forward = List.copyOf(forward);
        irreversible = List.copyOf(irreversible);
        reverses = Map.copyOf(reverses);
        lastOfStep = Set.copyOf(lastOfStep);
    }

    /**
     * {@code completed}: the forward run's completed main steps in the order they completed, with
     * their outputs. A step no longer in {@code forward} (the runbook changed since) cannot be undone.
     */
    public static UndoPlan of(Runbook forward, List<StepResult> completed, ActionRegistry registry) {
        Map<String, Step> declared = new HashMap<>();
        forward.steps().forEach(s -> declared.put(s.id(), s));
        Set<String> undone = new HashSet<>();
        completed.stream().map(StepResult::stepId).filter(id -> declared.containsKey(id)
                && !declared.get(id).undo().isEmpty()).forEach(undone::add);
        List<Step> steps = new ArrayList<>();
        List<Irreversible> irreversible = new ArrayList<>();
        Map<String, String> reverses = new HashMap<>();
        Set<String> last = new HashSet<>();
        for (int i = completed.size() - 1; i >= 0; i--) {
            String id = completed.get(i).stepId();
            Step step = declared.get(id);
            if (step == null) {
                irreversible.add(new Irreversible(id, "?", "no longer in the runbook, so its undo is unknown"));
                continue;
            }
            if (step.undo().isEmpty()) {
                if (changes(step, registry) && step.undoneBy().map(by -> !undone.contains(by.value())).orElse(true)) {
                    irreversible.add(new Irreversible(id, step.action().action(), step.undoneBy()
                            .map(by -> "undone_by '" + by.value() + "', which did not complete")
                            .orElse("changed something and declares no undo")));
                }
                continue;
            }
            for (int index = 1; index <= step.undo().size(); index++) {
                Step undo = asStep(step, step.undo().get(index - 1), index);
                steps.add(undo);
                reverses.put(undo.id(), id);
                if (index == step.undo().size()) {
                    last.add(undo.id());
                }
            }
        }
        Runbook undoRunbook = new Runbook(forward.file(), forward.sha256(), forward.format(), forward.name(),
                forward.title(), forward.description(), forward.params(), forward.vars(), List.of(),
                forward.defaults(), steps, List.of(), List.of(), forward.unreadable(), forward.lock());
        List<StepResult> seeds = completed.stream().filter(r -> declared.containsKey(r.stepId())).toList();
        return new UndoPlan(undoRunbook, new StepGraph(steps), steps, seeds, irreversible, reverses, last);
    }

    /** Puts the forward run's completed steps (status and outputs) into the undo run's template context. */
    public RunContext seed(RunContext context) {
        forward.forEach(context::record);
        return context;
    }

    /** The forward step an undo step reverses, if {@code undoStepId} is one of this plan's. */
    public Optional<String> reversed(String undoStepId) {
        return Optional.ofNullable(reverses.get(undoStepId));
    }

    /** Nothing to run: no completed step declares an undo. */
    public boolean empty() {
        return steps.isEmpty();
    }

    private static boolean changes(Step step, ActionRegistry registry) {
        boolean readOnly = registry.find(step.action().action()).map(s -> s.effect() == Effect.READ_ONLY)
                .orElse(false);
        return !readOnly && !step.readonly();
    }

    /**
     * Named and titled as the automatic rollback does ("backup:undo", "backup:undo:2"; its own title or
     * "Undo: " and the step's); ':' is not in step ids.
     */
    private static Step asStep(Step step, ActionCall call, int index) {
        boolean several = step.undo().size() > 1;
        Optional<Text> title = call.title().or(() -> step.title().map(t -> new Text("Undo" + (several ? " "
                + index : "") + ": " + t.value(), t.location())));
        return new Step(step.id() + ":undo" + (several ? ":" + index : ""), call.location(),
                Section.STEPS, title, call, Optional.empty(), call.when(), Optional.empty(),
                step.timeout(), Optional.of(OnError.ABORT), List.of(), List.of(), Optional.empty(), false,
                Optional.empty());
    }
}
