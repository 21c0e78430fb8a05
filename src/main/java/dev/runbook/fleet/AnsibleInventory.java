package dev.runbook.fleet;

import dev.runbook.source.Problems;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ansible's static YAML inventory, so teams reuse theirs: groups with {@code hosts}, {@code vars} and
 * {@code children}, starting at {@code all}; its {@code ansible_} variables say where and how to
 * connect (AnsibleConnection). Variables: outer groups first, inner groups over them, the host's own
 * last (Ansible's order without its alphabetical tie-break between sibling groups). Host ranges
 * ({@code web[01:10]}) and dynamic inventories are not read.
 */
final class AnsibleInventory {

    private static final Set<String> GROUP = Set.of("hosts", "vars", "children");

    private final String file;
    private final Problems problems;
    private final Map<String, Map<String, Node>> groupVarsOf = new LinkedHashMap<>();
    private final Map<String, Map<String, Node>> ownVarsOf = new LinkedHashMap<>();
    private final Map<String, Set<String>> groupsOf = new LinkedHashMap<>();

    private final AnsibleVarsFiles files;

    /** {@code folder}: where the inventory file is, whose group_vars/ and host_vars/ are read (none for a text). */
    AnsibleInventory(String file, Optional<java.nio.file.Path> folder, Problems problems) {
        this.file = file;
        this.problems = problems;
        this.files = new AnsibleVarsFiles(folder, problems);
    }

    Inventory read(Mapping top) {
        for (Mapping.Entry entry : top.entries()) {
            group(entry.name(), entry.value(), Map.of(), new LinkedHashSet<>());
        }
        List<FleetHost> hosts = new ArrayList<>();
        ownVarsOf.forEach((name, own) -> {
            // Ansible's precedence: the inventory file's group variables, group_vars/all, the other
            // groups' group_vars (outer groups first), the file's host variables, host_vars.
            Map<String, Node> vars = new LinkedHashMap<>(groupVarsOf.get(name));
            groupsOf.get(name).forEach(group -> vars.putAll(files.group(group)));
            vars.putAll(own);
            vars.putAll(files.host(name));
            Problems refused = new Problems();
            AnsibleConnection.Where where = AnsibleConnection.read(name, vars, refused);
            HostVariables variables = HostVariables.of(vars, true);
            List<String> groups = new ArrayList<>(groupsOf.get(name));
            groups.remove("all");
            hosts.add(new FleetHost(name, where.address(), where.port(), where.user(), where.identity(), groups,
                    variables.values(), variables.unusable(), refused.sorted()));
        });
        return new Inventory(file, hosts, files.notes());
    }

    private void group(String name, Node node, Map<String, Node> inherited, Set<String> chain) {
        Optional<Mapping> group = InventoryReader.mapping(node, "group '" + name + "'", problems);
        if (group.isEmpty()) {
            return;
        }
        for (Mapping.Entry entry : group.get().entries()) {
            if (!GROUP.contains(entry.name())) {
                problems.add(entry.key().location(), "unknown key '" + entry.name() + "' in group '" + name + "'",
                        "a group has hosts:, vars: and children: (a host's variables go under its name in hosts:)");
            }
        }
        Map<String, Node> vars = new LinkedHashMap<>(inherited);
        group.get().get("vars").ifPresent(v -> vars.putAll(InventoryReader.vars(v, problems)));
        Set<String> groups = new LinkedHashSet<>(chain);
        groups.add(name);
        group.get().get("hosts").flatMap(h -> InventoryReader.mapping(h, "hosts of group '" + name + "'", problems))
                .ifPresent(hosts -> hosts.entries().forEach(host -> host(host, vars, groups)));
        group.get().get("children").flatMap(c -> InventoryReader.mapping(c, "children of group '" + name + "'",
                problems)).ifPresent(children -> children.entries().forEach(child -> {
                    if (groups.contains(child.name())) {
                        problems.add(child.key().location(), "group '" + child.name() + "' contains itself", null);
                    } else {
                        group(child.name(), child.value(), vars, groups);
                    }
                }));
    }

    private void host(Mapping.Entry entry, Map<String, Node> groupVars, Set<String> groups) {
        String name = entry.name();
        if (name.contains("[") && name.contains(":")) {
            problems.add(entry.key().location(), "host ranges like '" + name + "' are not read",
                    "list each host by name");
            return;
        }
        groupVarsOf.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(groupVars);
        groupsOf.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(groups);
        Map<String, Node> own = ownVarsOf.computeIfAbsent(name, n -> new LinkedHashMap<>());
        if (!(entry.value() instanceof Scalar s && s.isNull())) {
            own.putAll(InventoryReader.vars(entry.value(), problems));
        }
    }
}
