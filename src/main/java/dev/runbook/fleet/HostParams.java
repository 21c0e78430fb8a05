package dev.runbook.fleet;

import dev.runbook.model.Param;
import dev.runbook.model.Runbook;
import dev.runbook.plan.ParamResolver;
import dev.runbook.plan.PlanError;
import dev.runbook.spec.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The params each host's run would get, checked against the runbook before any host is contacted.
 * A name the runbook does not declare (an inventory variable left from another playbook, a typo), or
 * a required param with no default that a host does not get, would make every such host refuse at
 * its start, one by one, after connecting to all of them. Each is said once here, with the hosts it
 * concerns. Only presence is checked: values and defaults are the host's to resolve (a default may
 * read the host's own environment).
 */
public final class HostParams {

    private static final int NAMED = 5;

    private HostParams() {
    }

    /** What would refuse: empty when every host gets what the runbook needs and nothing it does not know. */
    public static List<PlanError.Reason> check(Runbook runbook, Set<String> given, Map<String, String> origins,
                                               List<FleetHost> hosts) {
        List<String> declared = runbook.params().stream().map(Param::name).toList();
        Map<String, List<String>> unknown = new LinkedHashMap<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (FleetHost host : hosts) {
            for (String name : host.params().keySet()) {
                if (!declared.contains(name)) {
                    unknown.computeIfAbsent(name, n -> new ArrayList<>()).add(host.name());
                }
            }
            for (Param param : runbook.params()) {
                if (param.required() && param.defaultValue().isEmpty() && !given.contains(param.name())
                        && !host.params().containsKey(param.name())) {
                    missing.computeIfAbsent(param.name(), n -> new ArrayList<>()).add(host.name());
                }
            }
        }
        List<PlanError.Reason> reasons = new ArrayList<>(ParamResolver.unknownNames(runbook, given, origins));
        unknown.forEach((name, on) -> reasons.add(new PlanError.Reason("inventory variable '" + name + "' of "
                + named(on, hosts.size()) + " is not a parameter of this runbook", hint(name, declared))));
        missing.forEach((name, on) -> reasons.add(new PlanError.Reason("missing required parameter '" + name + "' on "
                + named(on, hosts.size()), "give it with -p " + name + "=VALUE, or as a variable of "
                + (on.size() == 1 ? "that host" : "those hosts") + " in the inventory")));
        return reasons;
    }

    private static String hint(String name, List<String> declared) {
        String close = Suggestions.didYouMean(name, declared);
        String all = declared.isEmpty() ? "this runbook takes no parameters" : "its parameters: " + String.join(", ", declared);
        return (close != null ? close + " (" + all + ")" : all) + "; the controller's own variables start with runbook_ or ansible_";
    }

    private static String named(List<String> hosts, int of) {
        if (hosts.size() == of && of > 1) {
            return "every host (" + of + ")";
        }
        String shown = String.join(", ", hosts.subList(0, Math.min(NAMED, hosts.size())));
        return (hosts.size() == 1 ? "host " : "hosts ") + shown
                + (hosts.size() > NAMED ? " and " + (hosts.size() - NAMED) + " more" : "");
    }
}
