package dev.runbook.yaml;

import java.util.Set;

/**
 * What a YAML file may use beyond the runbook loader's safe core. Runbooks (and params files) get
 * none of it. An Ansible inventory is read as Ansible reads it, so a team's file needs no edits: its
 * {@code !vault} values are kept as their text (the inventory reader never uses them as they are), and
 * merge keys ({@code <<: *defaults}) merge, the mapping's own keys winning, as YAML 1.1 says.
 */
public record Dialect(Set<String> keptTags, boolean mergeKeys) {

    public static final Dialect RUNBOOK = new Dialect(Set.of(), false);
    public static final Dialect ANSIBLE_INVENTORY = new Dialect(Set.of("!vault"), true);

    public Dialect {
        keptTags = Set.copyOf(keptTags);
    }
}
