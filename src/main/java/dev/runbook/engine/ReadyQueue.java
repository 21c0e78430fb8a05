package dev.runbook.engine;

import dev.runbook.model.Step;
import dev.runbook.plan.StepGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Which selected steps may start: each waits until its selected dependencies have finished; among
 * the ready ones, the earlier in graph order goes first. Counting what each step still waits for
 * makes a step's start cost its own edges, not a scan of every pending step (which made a
 * 1,000-step run quadratic).
 */
final class ReadyQueue {

    private final Map<String, Integer> position = new HashMap<>();
    private final Map<String, List<String>> dependencies = new HashMap<>();
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final Map<String, Integer> waitingFor = new HashMap<>();
    private final Set<String> unfinished = new LinkedHashSet<>();
    private final Set<String> started = new HashSet<>();
    private final PriorityQueue<String> ready = new PriorityQueue<>((a, b) -> position.get(a) - position.get(b));

    ReadyQueue(List<Step> selected, StepGraph graph) {
        for (Step step : selected) {
            position.put(step.id(), position.size());
            unfinished.add(step.id());
        }
        for (Step step : selected) {
            List<String> deps = graph.dependencies(step.id()).stream().filter(position::containsKey).toList();
            dependencies.put(step.id(), deps);
            deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(step.id()));
            waitingFor.put(step.id(), deps.size());
            if (deps.isEmpty()) {
                ready.add(step.id());
            }
        }
    }

    boolean hasReady() {
        return !ready.isEmpty();
    }

    /** The next step to start; it counts as started from here on. */
    String next() {
        String id = ready.poll();
        started.add(id);
        return id;
    }

    List<String> dependencies(String id) {
        return dependencies.get(id);
    }

    /** {@code id} is done (ran, was skipped, or completed in an earlier process): its dependents wait for one less. */
    void finished(String id) {
        if (!unfinished.remove(id)) {
            return;
        }
        started.add(id);
        ready.remove(id);
        for (String dependent : dependents.getOrDefault(id, List.of())) {
            int left = waitingFor.merge(dependent, -1, Integer::sum);
            if (left == 0 && !started.contains(dependent)) {
                ready.add(dependent);
            }
        }
    }

    /** Selected steps not finished, in graph order (what a stopped run reports as not reached). */
    List<String> unfinished() {
        return List.copyOf(unfinished);
    }
}
