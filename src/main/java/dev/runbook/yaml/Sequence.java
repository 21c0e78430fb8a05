package dev.runbook.yaml;

import dev.runbook.source.Location;
import java.util.List;

/** A YAML sequence. */
public record Sequence(List<Node> items, Location location) implements Node {

    public Sequence {
        items = List.copyOf(items);
    }

    @Override
    public String kind() {
        return "a list";
    }
}
