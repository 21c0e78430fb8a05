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
 * An unknown -p name, a required param with no default that a host does not get, a value of the
 * wrong type, or a param whose inventory value cannot be one (a list, a vault-encrypted value, an
 * Ansible template) would make every such host refuse at its start, one by one, after connecting to
 * all of them: each is said once here, with the hosts it concerns. Defaults are the host's to
 * resolve (a default may read the host's own environment).
 *
 * <p>An inventory variable the runbook does not declare is not passed, and said in one note: a
 * team's Ansible inventory holds variables for many playbooks, as Ansible passes every play all of
 * them and each uses its own. (A name close to a declared one is named as a likely typo.) A -p name
 * is typed for this run, so an unknown one is refused.
 */
public final class HostParams {

    private static final int NAMED = 5;

    /** What would refuse (empty when nothing would), what is left out, and the hosts passing only what is declared. */
    public record Fit(List<PlanError.Reason> refusals, List<String> notes, List<FleetHost> hosts) {
    }

    private HostParams() {
    }

    public static Fit check(Runbook runbook, Map<String, String> givenValues, Map<String, String> origins,
                            List<FleetHost> hosts) {
        Set<String> given = givenValues.keySet();
        List<String> declared = runbook.params().stream().map(Param::name).toList();
        Map<String, List<String>> undeclared = new LinkedHashMap<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Map<String, List<String>> unusable = new LinkedHashMap<>();
        for (FleetHost host : hosts) {
            java.util.stream.Stream.concat(host.params().keySet().stream(), host.unusable().keySet().stream())
                    .filter(name -> !declared.contains(name) && !FleetHost.controllers(name)).distinct()
                    .forEach(name -> undeclared.computeIfAbsent(name, n -> new ArrayList<>()).add(host.name()));
            host.unusable().forEach((name, why) -> {
                if (declared.contains(name) && !given.contains(name)) {
                    unusable.computeIfAbsent("inventory variable '" + name + "' " + why, n -> new ArrayList<>())
                            .add(host.name());
                }
            });
            for (Param param : runbook.params()) {
                if (param.required() && param.defaultValue().isEmpty() && !given.contains(param.name())
                        && !host.params().containsKey(param.name()) && !host.unusable().containsKey(param.name())) {
                    missing.computeIfAbsent(param.name(), n -> new ArrayList<>()).add(host.name());
                }
            }
        }
        List<PlanError.Reason> reasons = new ArrayList<>(ParamResolver.unknownNames(runbook, given, origins));
        reasons.addAll(mistyped(runbook, givenValues, origins, hosts));
        unusable.forEach((what, on) -> reasons.add(new PlanError.Reason(what + ", on " + named(on, hosts.size()),
                "give it a plain value in the inventory, or on the command line (-p, or a secret with "
                + "--secret-file, --secret-env or --secrets-stdin)")));
        missing.forEach((name, on) -> reasons.add(new PlanError.Reason("missing required parameter '" + name + "' on "
                + named(on, hosts.size()), "give it with -p " + name + "=VALUE, or as a variable of "
                + (on.size() == 1 ? "that host" : "those hosts") + " in the inventory")));
        return new Fit(reasons, notes(undeclared, declared, hosts.size()), declaredOnly(runbook, hosts));
    }

    /** The hosts passing only the variables the runbook declares (a resumed fleet run's too). */
    public static List<FleetHost> declaredOnly(Runbook runbook, List<FleetHost> hosts) {
        List<String> declared = runbook.params().stream().map(Param::name).toList();
        return hosts.stream().map(host -> host.passingOnly(declared)).toList();
    }

    /**
     * Values of the wrong type (or secrets too short to mask), from the command line once and from each
     * host's variables, each said once with the hosts it concerns: each host would refuse at its start.
     */
    private static List<PlanError.Reason> mistyped(Runbook runbook, Map<String, String> given,
                                                   Map<String, String> origins, List<FleetHost> hosts) {
        List<PlanError.Reason> reasons = new ArrayList<>();
        Map<PlanError.Reason, List<String>> fromInventory = new LinkedHashMap<>();
        for (Param param : runbook.params()) {
            if (given.containsKey(param.name())) {
                reasons.addAll(ParamResolver.mistyped(param, given.get(param.name()),
                        origins.getOrDefault(param.name(), "-p " + param.name())));
                continue;
            }
            for (FleetHost host : hosts) {
                String value = host.params().get(param.name());
                if (value != null) {
                    ParamResolver.mistyped(param, value, "inventory variable '" + param.name() + "'"
                            + host.place(param.name()).map(p -> " (" + p + ")").orElse("")).forEach(
                            reason -> fromInventory.computeIfAbsent(reason, r -> new ArrayList<>()).add(host.name()));
                }
            }
        }
        fromInventory.forEach((reason, on) -> reasons.add(new PlanError.Reason(reason.message() + ", on "
                + named(on, hosts.size()), reason.hint())));
        return reasons;
    }

    private static List<String> notes(Map<String, List<String>> undeclared, List<String> declared, int of) {
        List<String> notes = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        undeclared.forEach((name, on) -> {
            String close = Suggestions.didYouMean(name, declared);
            if (close != null) {
                notes.add("warning: inventory variable '" + name + "' of " + named(on, of) + " is not a parameter of "
                        + "this runbook and is not passed: " + close);
            } else {
                plain.add(name);
            }
        });
        if (!plain.isEmpty()) {
            java.util.Collections.sort(plain);
            notes.add(0, "note: " + plain.size() + " inventory variable" + (plain.size() == 1 ? " is" : "s are")
                    + " not a parameter of this runbook and not passed: " + String.join(", ",
                    plain.subList(0, Math.min(10, plain.size()))) + (plain.size() > 10 ? " and " + (plain.size() - 10)
                    + " more" : ""));
        }
        return notes;
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
