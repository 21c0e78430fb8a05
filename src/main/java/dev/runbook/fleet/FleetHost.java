package dev.runbook.fleet;

import dev.runbook.source.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One host of an inventory: its name (what --limit and the reports use), where to connect (address
 * and port; a name that ~/.ssh/config resolves is fine), the login user and private key file if the
 * inventory names them, its groups, its variables (group variables merged, the host's own winning),
 * the variables that cannot be runbook params, with why and where (HostVariables), and what in the
 * inventory says to reach it in a way this controller does not (AnsibleConnection): refused only when
 * the host is selected, so a {@code localhost} entry with a local connection does not stop a run
 * limited to the others.
 */
public record FleetHost(String name, String address, Optional<Integer> port, Optional<String> user,
                        Optional<Path> identity, List<String> groups, Map<String, String> vars,
                        Map<String, String> unusable, List<Problem> connectionProblems, Map<String, String> places) {

    /** Variables that steer the controller on this host rather than being runbook params. */
    static final String CACHE_VAR = "runbook_cache";
    static final String STATE_VAR = "runbook_state";
    static final String JAVA_VAR = "runbook_java";

    public FleetHost {
        groups = List.copyOf(groups);
        vars = Map.copyOf(vars);
        unusable = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unusable)); // file order
        connectionProblems = List.copyOf(connectionProblems);
        places = Map.copyOf(places);
    }

    /** Where the inventory sets a variable ({@code file:line:col}), for a message about its value. */
    Optional<String> place(String variable) {
        return Optional.ofNullable(places.get(variable));
    }

    /** A host with no key file of its own and every variable usable. */
    public FleetHost(String name, String address, Optional<Integer> port, Optional<String> user, List<String> groups,
                     Map<String, String> vars) {
        this(name, address, port, user, Optional.empty(), groups, vars, Map.of(), List.of(), Map.of());
    }

    /** This host passing only the variables the runbook declares; the controller's own stay. */
    FleetHost passingOnly(java.util.Collection<String> declared) {
        Map<String, String> kept = new java.util.LinkedHashMap<>(vars);
        kept.keySet().removeIf(name -> !controllers(name) && !declared.contains(name));
        return new FleetHost(name, address, port, user, identity, groups, kept, unusable, connectionProblems, places);
    }

    /** The controller's own variables: they steer how a host is reached, never a runbook param. */
    static boolean controllers(String name) {
        return name.startsWith("runbook_") || name.startsWith("ansible_");
    }

    /** The runbook params this host passes: every variable except the controller's own. */
    public Map<String, String> params() {
        java.util.Map<String, String> params = new java.util.TreeMap<>(vars);
        params.keySet().removeIf(FleetHost::controllers);
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
