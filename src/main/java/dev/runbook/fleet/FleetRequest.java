package dev.runbook.fleet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One fleet run as the command line asked it: the runbook file and what selects its steps on every
 * host ({@code --scenario}, {@code --only}, {@code --from} as arguments for the remote run), the
 * params every host gets (host variables win), the secrets (sent on each remote run's stdin only),
 * the hosts in inventory order, waves, budget, rollback, and how to connect.
 */
public record FleetRequest(String id, Path runbook, String runbookName, String inventory, List<FleetHost> hosts,
                           List<String> selection, Map<String, String> params, Map<String, String> secrets,
                           Serial serial, FailureBudget budget, boolean rollback, boolean cancelInFlight,
                           boolean dryRun, SshOptions ssh, Path jar) {

    public FleetRequest {
        hosts = List.copyOf(hosts);
        selection = List.copyOf(selection);
        params = Map.copyOf(params);
        secrets = Map.copyOf(secrets);
    }

    /** The params one host's run gets: the command line's, then the host's variables over them. */
    Map<String, String> paramsFor(FleetHost host) {
        Map<String, String> merged = new java.util.TreeMap<>(params);
        merged.putAll(host.params());
        secrets.keySet().forEach(merged::remove);
        return merged;
    }
}
