package dev.runbook.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A --limit pattern, as Ansible reads one: names or groups separated by commas or colons, {@code *}
 * as a wildcard, {@code !x} to leave x out and {@code &x} to keep only what is also in x. A part that
 * matches no host is an error (a typo would otherwise silently shrink the fleet).
 */
record HostPattern(List<String> include, List<String> intersect, List<String> exclude) {

    static HostPattern parse(String limit) {
        List<String> include = new ArrayList<>();
        List<String> intersect = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String part : limit.split("[,:]")) {
            String p = part.trim();
            if (p.startsWith("!")) {
                exclude.add(p.substring(1));
            } else if (p.startsWith("&")) {
                intersect.add(p.substring(1));
            } else if (!p.isEmpty()) {
                include.add(p);
            }
        }
        if (include.isEmpty()) {
            include.add("*");
        }
        return new HostPattern(include, intersect, exclude);
    }

    List<FleetHost> select(List<FleetHost> hosts) throws InventoryException {
        for (List<String> parts : List.of(include, intersect, exclude)) {
            for (String part : parts) {
                if (part.startsWith("~")) {
                    // Ansible's regular expressions hold ',' ':' and '[' of their own: read as names they
                    // would select something else, or nothing, without saying why.
                    throw new InventoryException("--limit: regular-expression patterns ('" + part + "') are not "
                            + "read; use names, groups, * globs, !x and &x", List.of());
                }
            }
        }
        List<String> unmatched = new ArrayList<>();
        for (List<String> parts : List.of(include, intersect, exclude)) {
            parts.stream().filter(p -> hosts.stream().noneMatch(h -> matches(p, h))).forEach(unmatched::add);
        }
        if (!unmatched.isEmpty()) {
            throw new InventoryException("--limit: " + String.join(", ", unmatched)
                    + (unmatched.size() == 1 ? " matches" : " match") + " no host or group of the inventory", List.of());
        }
        List<FleetHost> selected = hosts.stream()
                .filter(h -> include.stream().anyMatch(p -> matches(p, h)))
                .filter(h -> intersect.stream().allMatch(p -> matches(p, h)))
                .filter(h -> exclude.stream().noneMatch(p -> matches(p, h)))
                .toList();
        if (selected.isEmpty()) {
            throw new InventoryException("--limit " + String.join(",", include) + ": no host is left", List.of());
        }
        return selected;
    }

    private static boolean matches(String pattern, FleetHost host) {
        Pattern glob = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
        return glob.matcher(host.name()).matches() || host.groups().stream().anyMatch(g -> glob.matcher(g).matches())
                || pattern.equals("all");
    }
}
