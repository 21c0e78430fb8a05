package dev.runbook.fleet;

import dev.runbook.source.Problems;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This tool's own inventory form:
 * <pre>
 * vars: {app_dir: /srv/app}                 # every host
 * hosts:
 *   web1: {address: 10.0.0.11, port: 22, user: deploy, vars: {tier: a}}
 *   web2:                                   # address = the name (~/.ssh/config may resolve it)
 * groups:
 *   web: {hosts: [web1, web2], vars: {service: tmws}}
 * </pre>
 * Variables: the file's vars, then each group's (in file order), then the host's own.
 */
final class OwnInventory {

    private static final Set<String> TOP = Set.of("vars", "hosts", "groups");
    private static final Set<String> HOST = Set.of("address", "port", "user", "vars");
    private static final Set<String> GROUP = Set.of("hosts", "vars");

    private final String file;
    private final Problems problems;

    OwnInventory(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    Inventory read(Mapping top) {
        unknownKeys(top, TOP, "the inventory");
        Map<String, Node> common = top.get("vars").map(v -> InventoryReader.vars(v, problems)).orElse(Map.of());
        Map<String, Mapping> hostNodes = new LinkedHashMap<>();
        top.get("hosts").flatMap(h -> InventoryReader.mapping(h, "hosts", problems)).ifPresent(hosts -> {
            for (Mapping.Entry entry : hosts.entries()) {
                if (!InventoryReader.plainHostName(entry, problems)) {
                    continue;
                }
                Optional<Mapping> host = InventoryReader.mapping(entry.value(), "host '" + entry.name() + "'", problems);
                host.ifPresent(h -> unknownKeys(h, HOST, "host '" + entry.name() + "'"));
                hostNodes.put(entry.name(), host.orElse(null));
            }
        });
        Map<String, List<String>> groupsOf = new LinkedHashMap<>();
        Map<String, Map<String, Node>> groupVars = new LinkedHashMap<>();
        top.get("groups").flatMap(g -> InventoryReader.mapping(g, "groups", problems)).ifPresent(groups -> {
            for (Mapping.Entry entry : groups.entries()) {
                InventoryReader.mapping(entry.value(), "group '" + entry.name() + "'", problems).ifPresent(group -> {
                    unknownKeys(group, GROUP, "group '" + entry.name() + "'");
                    groupVars.put(entry.name(), group.get("vars").map(v -> InventoryReader.vars(v, problems))
                            .orElse(Map.of()));
                    group.get("hosts").ifPresent(members -> members(entry.name(), members, hostNodes.keySet())
                            .forEach(m -> groupsOf.computeIfAbsent(m, k -> new ArrayList<>()).add(entry.name())));
                });
            }
        });
        List<FleetHost> hosts = new ArrayList<>();
        hostNodes.forEach((name, node) -> {
            Map<String, Node> vars = new LinkedHashMap<>(common);
            List<String> groups = groupsOf.getOrDefault(name, List.of());
            groups.forEach(g -> vars.putAll(groupVars.get(g)));
            String address = name;
            Optional<Integer> port = Optional.empty();
            Optional<String> user = Optional.empty();
            if (node != null) {
                address = text(node, "address").orElse(name);
                port = text(node, "port").flatMap(p -> Ports.parse(p, node.get("port").orElseThrow(), problems));
                user = text(node, "user");
                node.get("vars").ifPresent(v -> vars.putAll(InventoryReader.vars(v, problems)));
            }
            HostVariables variables = HostVariables.of(vars, false);
            Problems refused = new Problems();
            ControllerVariables.check(vars, refused);
            hosts.add(new FleetHost(name, address, port, user, Optional.empty(), groups, variables.values(),
                    variables.unusable(), refused.sorted(), variables.places()));
        });
        return new Inventory(file, hosts);
    }

    private List<String> members(String group, Node node, Set<String> known) {
        List<String> members = new ArrayList<>();
        if (!(node instanceof Sequence list)) {
            problems.add(node.location(), "the hosts of group '" + group + "' must be a list of host names, not "
                    + node.kind(), "write hosts: [web1, web2]");
            return members;
        }
        for (Node item : list.items()) {
            if (item instanceof Scalar name && known.contains(name.text())) {
                members.add(name.text());
            } else if (item instanceof Scalar name) {
                problems.add(name.location(), "group '" + group + "' names host '" + name.text()
                        + "', which is not under hosts:", "add it to hosts: or correct the name");
            } else {
                problems.add(item.location(), "a host name must be a string, not " + item.kind(), null);
            }
        }
        return members;
    }

    private Optional<String> text(Mapping node, String key) {
        Optional<Node> value = node.get(key);
        if (value.isEmpty() || value.get() instanceof Scalar s && s.isNull()) {
            return Optional.empty();
        }
        if (value.get() instanceof Scalar s) {
            return Optional.of(s.text());
        }
        problems.add(value.get().location(), key + " must be a single value, not " + value.get().kind(), null);
        return Optional.empty();
    }

    private void unknownKeys(Mapping mapping, Set<String> allowed, String where) {
        for (Mapping.Entry entry : mapping.entries()) {
            if (!allowed.contains(entry.name())) {
                problems.add(entry.key().location(), "unknown key '" + entry.name() + "' in " + where,
                        "allowed: " + String.join(", ", new java.util.TreeSet<>(allowed))
                        + (where.startsWith("host") ? "; runbook params go under vars:" : ""));
            }
        }
    }
}
