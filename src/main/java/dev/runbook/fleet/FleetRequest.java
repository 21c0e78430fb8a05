package dev.runbook.fleet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One fleet run as the command line asked it: the runbook file and what selects its steps on every
 * host ({@code --scenario}, {@code --only}, {@code --from} as arguments for the remote run), the
 * params every host gets (over the hosts' variables, as Ansible's -e is), the secrets (sent on each remote run's stdin only),
 * the hosts in inventory order, waves, budget, rollback, how to connect, and the runbook's secret
 * params: a host variable for one is a secret too, sent on stdin like the command line's.
 */
public record FleetRequest(String id, Path runbook, String runbookName, String inventory, List<FleetHost> hosts,
                           List<String> selection, Map<String, String> params, Map<String, String> secrets,
                           Serial serial, FailureBudget budget, boolean rollback, boolean cancelInFlight,
                           boolean dryRun, SshOptions ssh, Path jar, java.util.Set<String> secretParams) {

    public FleetRequest {
        hosts = List.copyOf(hosts);
        selection = List.copyOf(selection);
        params = Map.copyOf(params);
        secrets = Map.copyOf(secrets);
        secretParams = java.util.Set.copyOf(secretParams);
    }

    /** Whether the runbook declares a secret param at all (a host may then resolve one itself: a default). */
    public boolean declaresSecrets() {
        return !secretParams.isEmpty();
    }

    /**
     * The params one host's run gets: the host's variables, then the command line's over them. What an
     * operator types for this run wins over what a file says, as Ansible's -e does (and as a secret
     * given on the line always did).
     */
    Map<String, String> paramsFor(FleetHost host) {
        Map<String, String> merged = new java.util.TreeMap<>(host.params());
        merged.putAll(params);
        merged.keySet().removeAll(secretParams);
        secrets.keySet().forEach(merged::remove);
        return merged;
    }

    /**
     * The secrets one host's run gets, on its stdin only (never a command line, which any user of the
     * host reads in ps): a host variable for a secret param, with the command line's over it.
     */
    /** Every secret value any host's run gets, for masking what the controller shows and records. */
    public List<String> secretValues() {
        java.util.Set<String> values = new java.util.LinkedHashSet<>(secrets.values());
        hosts.forEach(host -> values.addAll(secretsFor(host).values()));
        return List.copyOf(values);
    }

    public Map<String, String> secretsFor(FleetHost host) {
        Map<String, String> merged = new java.util.TreeMap<>(host.params());
        merged.keySet().retainAll(secretParams);
        merged.putAll(secrets);
        return merged;
    }
}
