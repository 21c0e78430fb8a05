package dev.runbook.fleet;

import java.util.List;

/**
 * The hosts an inventory file names, in the order it names them (waves follow that order), and what
 * reading it could not use that the operator should know (an ansible-vault file left unread).
 */
public record Inventory(String file, List<FleetHost> hosts, List<String> notes) {

    public Inventory {
        hosts = List.copyOf(hosts);
        notes = List.copyOf(notes);
    }

    public Inventory(String file, List<FleetHost> hosts) {
        this(file, hosts, List.of());
    }

    /** The hosts a --limit pattern selects, in inventory order. */
    public List<FleetHost> select(String limit) throws InventoryException {
        return limit == null ? hosts : HostPattern.parse(limit).select(hosts);
    }
}
