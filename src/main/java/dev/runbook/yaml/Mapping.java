package dev.runbook.yaml;

import dev.runbook.source.Location;
import java.util.List;
import java.util.Optional;

/** A YAML mapping in source order; keys are unique (the loader refuses duplicates). */
public record Mapping(List<Entry> entries, Location location) implements Node {

    public record Entry(Scalar key, Node value) {
        public String name() {
            return key.text();
        }
    }

    public Mapping {
        entries = List.copyOf(entries);
    }

    public Optional<Node> get(String key) {
        for (Entry entry : entries) {
            if (entry.name().equals(key)) {
                return Optional.of(entry.value());
            }
        }
        return Optional.empty();
    }

    public Optional<Entry> entry(String key) {
        for (Entry entry : entries) {
            if (entry.name().equals(key)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    public boolean has(String key) {
        return entry(key).isPresent();
    }

    @Override
    public String kind() {
        return "a mapping";
    }
}
