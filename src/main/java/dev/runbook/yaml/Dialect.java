package dev.runbook.yaml;

import java.util.Set;

/**
 * What a YAML file may use beyond the runbook loader's safe core. Runbooks (and params files) get
 * none of it. An Ansible inventory is read as Ansible reads it, so a team's file needs no edits: its
 * {@code !vault} values are kept as their text (the inventory reader never uses them as they are), as
 * are {@code !unsafe} (a string Ansible does not template) and {@code !!str} values; merge keys
 * ({@code <<: *defaults}) merge, the mapping's own keys winning, as YAML 1.1 says; and of a duplicate
 * key the later value is used, with a warning, as Ansible does.
 */
public record Dialect(Set<String> keptTags, boolean mergeKeys, boolean lastDuplicateWins) {

    public static final Dialect RUNBOOK = new Dialect(Set.of(), false, false);
    public static final Dialect ANSIBLE_INVENTORY = new Dialect(Set.of("!vault", "!unsafe", "tag:yaml.org,2002:str"),
            true, true);

    public Dialect {
        keptTags = Set.copyOf(keptTags);
    }
}
