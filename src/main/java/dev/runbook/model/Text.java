package dev.runbook.model;

import dev.runbook.source.Location;

/** A string from the runbook with its position: a template, an id reference, a prompt. */
public record Text(String value, Location location) {
    @Override
    public String toString() {
        return value;
    }
}
