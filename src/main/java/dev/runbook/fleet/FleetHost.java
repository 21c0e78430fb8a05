package dev.runbook.fleet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One host of an inventory: its name (what --limit and the reports use), where to connect (address
 * and port; a name that ~/.ssh/config resolves is fine), the login user if the inventory names one,
 * its groups, and its variables (group variables merged, the host's own winning).
 */
public record FleetHost(String name, String address, Optional<Integer> port, Optional<String> user,
                        List<String> groups, Map<String, String> vars) {

    /** Variables that steer the controller on this host rather than being runbook params. */
    static final String CACHE_VAR = "runbook_cache";
    static final String STATE_VAR = "runbook_state";
    static final String JAVA_VAR = "runbook_java";

    public FleetHost {
        groups = List.copyOf(groups);
        vars = Map.copyOf(vars);
    }

    /** The runbook params this host passes: every variable except the controller's own. */
    public Map<String, String> params() {
        java.util.Map<String, String> params = new java.util.TreeMap<>(vars);
        params.keySet().removeIf(name -> name.startsWith("runbook_") || name.startsWith("ansible_"));
        return params;
    }

    /** Where the jar and runbooks are cached on the host (relative paths are under the login's home). */
    String cacheDir() {
        return vars.getOrDefault(CACHE_VAR, ".cache/runbook");
    }

    Optional<String> stateDir() {
        return Optional.ofNullable(vars.get(STATE_VAR));
    }

    String java() {
        return vars.getOrDefault(JAVA_VAR, "java");
    }
}
