package dev.runbook.model;

import dev.runbook.source.Location;

import dev.runbook.yaml.Node;
import java.util.List;
import java.util.Optional;

/** A typed input of the runbook, set with {@code -p name=value}. */
public record Param(String name, ParamType type, List<String> values, Optional<Node> defaultValue,
                    boolean required, boolean secret, String description, Location location) {

    public Param {
        values = List.copyOf(values);
    }
}
