package dev.runbook.model;

import dev.runbook.source.Location;

import dev.runbook.yaml.Node;

/** A derived value, templated once per run from params and earlier vars. */
public record Var(String name, Node value, Location location) {
}
