package dev.runbook.plan;

import dev.runbook.model.Step;
import dev.runbook.model.Text;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The dependency graph of the main steps: a step depends on its {@code needs}, or, when it does
 * not say, on the step listed before it. Unknown ids in needs are ignored here (the validator
 * reports them).
 */
public final class StepGraph {

    private final List<Step> steps;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<int[]> deps = new ArrayList<>();
    private List<Integer> order;
    private BitSet[] ancestors;

    public StepGraph(List<Step> steps) {
        this.steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            index.put(steps.get(i).id(), i);
        }
        for (int i = 0; i < steps.size(); i++) {
            Optional<List<Text>> needs = steps.get(i).needs();
            if (needs.isPresent()) {
                deps.add(needs.get().stream().map(t -> index.get(t.value())).filter(d -> d != null)
                        .mapToInt(Integer::intValue).distinct().toArray());
            } else {
                deps.add(i == 0 ? new int[0] : new int[] {i - 1});
            }
        }
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean contains(String id) {
        return index.containsKey(id);
    }

    public Step step(String id) {
        return steps.get(index.get(id));
    }

    /** Ids of the steps {@code id} directly depends on. */
    public List<String> dependencies(String id) {
        int[] direct = deps.get(index.get(id));
        List<String> out = new ArrayList<>(direct.length);
        for (int d : direct) {
            out.add(steps.get(d).id());
        }
        return out;
    }

    /** The first cycle found, as ids from a step back to itself; empty when there is none. */
    public Optional<List<String>> cycle() {
        int[] state = new int[steps.size()];
        int[] parent = new int[steps.size()];
        Deque stack = new Deque(steps.size());
        for (int start = 0; start < steps.size(); start++) {
            if (state[start] != 0) {
                continue;
            }
            stack.push(start, 0);
            state[start] = 1;
            while (!stack.isEmpty()) {
                int node = stack.node();
                int edge = stack.edge();
                if (edge < deps.get(node).length) {
                    stack.advance();
                    int next = deps.get(node)[edge];
                    if (state[next] == 1) {
                        return Optional.of(path(parent, node, next));
                    }
                    if (state[next] == 0) {
                        state[next] = 1;
                        parent[next] = node;
                        stack.push(next, 0);
                    }
                } else {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
        return Optional.empty();
    }

    /** from -> ... -> node -> from, read along "needs" edges (each step needs the next one shown). */
    private List<String> path(int[] parent, int node, int from) {
        List<Integer> reversed = new ArrayList<>();
        for (int at = node; at != from; at = parent[at]) {
            reversed.add(at);
        }
        List<String> cycle = new ArrayList<>();
        cycle.add(steps.get(from).id());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            cycle.add(steps.get(reversed.get(i)).id());
        }
        cycle.add(steps.get(from).id());
        return cycle;
    }

    /** Graph order; among steps ready at the same time, list order decides. Cyclic steps are left out. */
    public List<Step> order() {
        if (order == null) {
            int[] waiting = new int[steps.size()];
            List<List<Integer>> dependents = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                dependents.add(new ArrayList<>());
            }
            for (int i = 0; i < steps.size(); i++) {
                waiting[i] = deps.get(i).length;
                for (int d : deps.get(i)) {
                    dependents.get(d).add(i);
                }
            }
            PriorityQueue<Integer> ready = new PriorityQueue<>();
            for (int i = 0; i < steps.size(); i++) {
                if (waiting[i] == 0) {
                    ready.add(i);
                }
            }
            List<Integer> result = new ArrayList<>(steps.size());
            while (!ready.isEmpty()) {
                int next = ready.poll();
                result.add(next);
                for (int dependent : dependents.get(next)) {
                    if (--waiting[dependent] == 0) {
                        ready.add(dependent);
                    }
                }
            }
            order = result;
        }
        return order.stream().map(steps::get).toList();
    }

    /** Whether {@code earlier} always finishes before {@code later} starts (a transitive dependency). */
    public boolean runsBefore(String earlier, String later) {
        Integer e = index.get(earlier);
        Integer l = index.get(later);
        return e != null && l != null && ancestors()[l].get(e);
    }

    private BitSet[] ancestors() {
        if (ancestors == null) {
            BitSet[] result = new BitSet[steps.size()];
            for (int i = 0; i < steps.size(); i++) {
                result[i] = new BitSet();
            }
            order();
            for (int node : order) {
                for (int d : deps.get(node)) {
                    result[node].set(d);
                    result[node].or(result[d]);
                }
            }
            ancestors = result;
        }
        return ancestors;
    }

    /** The given steps and everything they need, transitively. */
    public Set<String> withDependencies(Collection<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(ids);
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (index.containsKey(id) && out.add(id)) {
                todo.addAll(dependencies(id));
            }
        }
        return out;
    }

    /** An explicit DFS stack: a 10,000-step chain would overflow the call stack if recursive. */
    private static final class Deque {
        private final int[] nodes;
        private final int[] edges;
        private int size;

        Deque(int capacity) {
            nodes = new int[capacity];
            edges = new int[capacity];
        }

        void push(int node, int edge) {
            nodes[size] = node;
            edges[size++] = edge;
        }

        int node() {
            return nodes[size - 1];
        }

        int edge() {
            return edges[size - 1];
        }

        void advance() {
            edges[size - 1]++;
        }

        void pop() {
            size--;
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
