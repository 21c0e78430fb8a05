package dev.runbook.model;

import dev.runbook.source.Location;

import java.util.List;

/** A named entry point: these steps, plus everything they need. */
public record Scenario(String name, String title, String description, List<Text> steps, Location location) {
    public Scenario {
        steps = List.copyOf(steps);
    }
}
