package dev.runbook.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user asked for: a scenario, or steps by hand, and parameter values. {@code origins} says
 * where a value came from when it was not {@code -p NAME} (a params file's line and column, a
 * secret file, an environment variable), so that a bad value is reported where it was written.
 */
public record PlanRequest(Optional<String> scenario, List<String> only, Optional<String> from,
                          Map<String, String> params, Map<String, String> origins) {

    public PlanRequest {
        only = List.copyOf(only);
        params = Map.copyOf(params);
        origins = Map.copyOf(origins);
    }

    public PlanRequest(Optional<String> scenario, List<String> only, Optional<String> from,
                       Map<String, String> params) {
        this(scenario, only, from, params, Map.of());
    }

    public static PlanRequest all() {
        return new PlanRequest(Optional.empty(), List.of(), Optional.empty(), Map.of());
    }
}
