package dev.runbook.engine;

import java.util.List;
import java.util.Map;

/**
 * What an earlier attempt at this run already did, for a resume: the steps that completed (their
 * outputs feed later templates, and a rollback still undoes them), in the order they completed,
 * and how many attempts each step has used so the next attempt gets the next number.
 */
public record Resumption(List<StepResult> completed, Map<String, Integer> attemptsSoFar) {

    public static final Resumption NONE = new Resumption(List.of(), Map.of());

    public Resumption {
        completed = List.copyOf(completed);
        attemptsSoFar = Map.copyOf(attemptsSoFar);
    }

    int attemptsSoFar(String stepId) {
        return attemptsSoFar.getOrDefault(stepId, 0);
    }
}
