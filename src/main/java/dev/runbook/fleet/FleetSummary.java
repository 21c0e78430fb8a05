package dev.runbook.fleet;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one-paragraph summary of a fleet run: "9 hosts would make 41 changes; h3 would refuse: ...",
 * or per status how many hosts, and each host that did not succeed with why.
 */
final class FleetSummary {

    private FleetSummary() {
    }

    static String of(List<HostRecord> hosts, boolean dryRun) {
        StringBuilder out = new StringBuilder();
        if (dryRun) {
            List<HostRecord> change = hosts.stream().filter(h -> h.status() == HostStatus.WOULD_CHANGE).toList();
            int changes = change.stream().mapToInt(HostRecord::changes).sum();
            out.append(change.size()).append(change.size() == 1 ? " host" : " hosts").append(" would make ")
                    .append(changes).append(changes == 1 ? " change" : " changes");
        } else {
            Map<String, Long> counts = new TreeMap<>(hosts.stream().collect(Collectors.groupingBy(h -> h.status().word(),
                    Collectors.counting())));
            out.append(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", ")));
        }
        for (HostRecord host : hosts) {
            boolean ok = host.status() == HostStatus.SUCCEEDED || host.status() == HostStatus.WOULD_CHANGE
                    || host.status() == HostStatus.NOT_STARTED || host.status() == HostStatus.UNDONE && host.error().isEmpty();
            if (!ok) {
                out.append("; ").append(host.host()).append(' ').append(host.status().word())
                        .append(host.error().map(e -> ": " + e).orElse(""));
            }
        }
        return out.toString();
    }
}
