package dev.runbook.fleet;

import dev.runbook.source.Problems;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ansible's static YAML inventory, so teams reuse theirs: groups with {@code hosts}, {@code vars} and
 * {@code children}, each group one however many places name it (AnsibleGroups); its {@code ansible_}
 * variables say where and how to connect (AnsibleConnection). A host's variables, lowest first: its
 * groups' variables from the file (by depth, then name, as Ansible orders them), their group_vars
 * files in the same order, its own from the file (every mention, the later winning), its host_vars.
 * Host ranges ({@code web[01:10]}) and dynamic inventories are not read.
 */
final class AnsibleInventory {

    private static final Set<String> GROUP = Set.of("hosts", "vars", "children");

    private final String file;
    private final Problems problems;
    private final AnsibleVarsFiles files;
    private final AnsibleGroups groups = new AnsibleGroups();
    private final Map<String, Map<String, Node>> ownVarsOf = new LinkedHashMap<>();

    /** {@code folder}: where the inventory file is, whose group_vars/ and host_vars/ are read (none for a text). */
    AnsibleInventory(String file, Optional<Path> folder, Problems problems) {
        this.file = file;
        this.problems = problems;
        this.files = new AnsibleVarsFiles(folder, problems);
    }

    Inventory read(Mapping top) {
        for (Mapping.Entry entry : top.entries()) {
            group(entry);
        }
        List<FleetHost> hosts = new ArrayList<>();
        ownVarsOf.forEach((name, own) -> {
            List<String> sorted = groups.of(name, problems);
            Map<String, Node> vars = new LinkedHashMap<>();
            sorted.forEach(group -> vars.putAll(groups.varsOf(group)));
            sorted.forEach(group -> vars.putAll(files.group(group)));
            vars.putAll(own);
            vars.putAll(files.host(name));
            Problems refused = new Problems();
            AnsibleConnection.Where where = AnsibleConnection.read(name, vars, refused);
            ControllerVariables.check(vars, refused);
            HostVariables variables = HostVariables.of(vars, true);
            List<String> named = new ArrayList<>(sorted);
            named.remove(AnsibleGroups.ALL);
            hosts.add(new FleetHost(name, where.address(), where.port(), where.user(), where.identity(), named,
                    variables.values(), variables.unusable(), refused.sorted(), variables.places()));
        });
        return new Inventory(file, hosts, files.notes());
    }

    private void group(Mapping.Entry entry) {
        String name = entry.name();
        groups.group(name, entry.key().location());
        Optional<Mapping> group = InventoryReader.mapping(entry.value(), "group '" + name + "'", problems);
        if (group.isEmpty()) {
            return;
        }
        for (Mapping.Entry key : group.get().entries()) {
            if (!GROUP.contains(key.name())) {
                problems.add(key.key().location(), "unknown key '" + key.name() + "' in group '" + name + "'",
                        "a group has hosts:, vars: and children: (a host's variables go under its name in hosts:)");
            }
        }
        group.get().get("vars").ifPresent(v -> groups.vars(name, InventoryReader.vars(v, problems)));
        group.get().get("hosts").flatMap(h -> InventoryReader.mapping(h, "hosts of group '" + name + "'", problems))
                .ifPresent(hosts -> hosts.entries().forEach(host -> host(name, host)));
        group.get().get("children").flatMap(c -> InventoryReader.mapping(c, "children of group '" + name + "'",
                problems)).ifPresent(children -> children.entries().forEach(child -> {
                    group(child);
                    groups.child(name, child.name());
                }));
    }

    private void host(String group, Mapping.Entry entry) {
        String name = entry.name();
        if (!InventoryReader.plainHostName(entry, problems)) {
            return;
        }
        if (name.contains("[") && name.contains(":") && !name.startsWith("[")) {
            problems.add(entry.key().location(), "host ranges like '" + name + "' are not read",
                    "list each host by name");
            return;
        }
        groups.host(group, name);
        Map<String, Node> own = ownVarsOf.computeIfAbsent(name, n -> new LinkedHashMap<>());
        if (!(entry.value() instanceof Scalar s && s.isNull())) {
            own.putAll(InventoryReader.vars(entry.value(), problems));
        }
    }
}
