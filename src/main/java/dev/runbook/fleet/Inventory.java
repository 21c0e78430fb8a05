package dev.runbook.fleet;

import java.util.List;

/** The hosts an inventory file names, in the order it names them (waves follow that order). */
public record Inventory(String file, List<FleetHost> hosts) {

    public Inventory {
        hosts = List.copyOf(hosts);
    }

    /** The hosts a --limit pattern selects, in inventory order. */
    public List<FleetHost> select(String limit) throws InventoryException {
        return limit == null ? hosts : HostPattern.parse(limit).select(hosts);
    }
}
