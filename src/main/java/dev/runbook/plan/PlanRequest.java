package dev.runbook.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the user asked for: a scenario, or steps by hand, and parameter values. */
public record PlanRequest(Optional<String> scenario, List<String> only, Optional<String> from,
                          Map<String, String> params) {

    public PlanRequest {
        only = List.copyOf(only);
        params = Map.copyOf(params);
    }

    public static PlanRequest all() {
        return new PlanRequest(Optional.empty(), List.of(), Optional.empty(), Map.of());
    }
}
