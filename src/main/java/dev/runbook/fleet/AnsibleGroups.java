package dev.runbook.fleet;

import dev.runbook.source.Location;
import dev.runbook.source.Problems;
import dev.runbook.yaml.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The groups of an Ansible inventory as one graph, however many times the file mentions each: a group
 * defined in one place and named as a child in another ({@code prod: {children: {web:}}}, the form
 * Ansible's docs and {@code ansible-inventory --list} write) is one group, with its variables, hosts
 * and children from every mention. A host's groups are the ones naming it and all their ancestors,
 * ordered as Ansible merges their variables: by depth ({@code all} first, a child one deeper than its
 * deepest parent), then by name.
 */
final class AnsibleGroups {

    static final String ALL = "all";

    private final Map<String, Map<String, Node>> vars = new LinkedHashMap<>();
    private final Map<String, Set<String>> hosts = new LinkedHashMap<>();
    private final Map<String, Set<String>> parents = new LinkedHashMap<>();
    private final Map<String, Location> mentioned = new HashMap<>();
    private final Map<String, Integer> depths = new HashMap<>();

    void group(String name, Location where) {
        vars.computeIfAbsent(name, n -> new LinkedHashMap<>());
        hosts.computeIfAbsent(name, n -> new LinkedHashSet<>());
        parents.computeIfAbsent(name, n -> new LinkedHashSet<>());
        mentioned.putIfAbsent(name, where);
    }

    /** A later mention's value wins, as Ansible sets group variables in file order. */
    void vars(String group, Map<String, Node> more) {
        vars.get(group).putAll(more);
    }

    void host(String group, String host) {
        hosts.get(group).add(host);
    }

    void child(String parent, String child) {
        parents.get(child).add(parent);
    }

    Map<String, Node> varsOf(String group) {
        return vars.get(group);
    }

    /** The host's groups, ancestors included, in Ansible's variable order; a cycle is a located problem. */
    List<String> of(String host, Problems problems) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(ALL);
        hosts.forEach((group, members) -> {
            if (members.contains(host)) {
                ancestors(group, groups, new LinkedHashSet<>(), problems);
            }
        });
        List<String> sorted = new ArrayList<>(groups);
        sorted.sort(Comparator.comparingInt((String g) -> depth(g, new LinkedHashSet<>(), problems))
                .thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    private void ancestors(String group, Set<String> into, Set<String> path, Problems problems) {
        if (!path.add(group)) {
            cycle(group, problems);
            return;
        }
        into.add(group);
        parents.getOrDefault(group, Set.of()).forEach(parent -> ancestors(parent, into, path, problems));
        path.remove(group);
    }

    /** 0 for all; a group no other names is all's child (1); else one deeper than its deepest parent. */
    private int depth(String group, Set<String> path, Problems problems) {
        if (group.equals(ALL)) {
            return 0;
        }
        Integer known = depths.get(group);
        if (known != null) {
            return known;
        }
        if (!path.add(group)) {
            cycle(group, problems);
            return 0;
        }
        int depth = 1;
        for (String parent : parents.getOrDefault(group, Set.of())) {
            depth = Math.max(depth, depth(parent, path, problems) + 1);
        }
        path.remove(group);
        depths.put(group, depth);
        return depth;
    }

    private void cycle(String group, Problems problems) {
        problems.add(mentioned.get(group), "group '" + group + "' contains itself", "a group cannot be its own "
                + "child, directly or through other groups");
    }
}
