package dev.runbook.model;

import dev.runbook.yaml.Mapping;

/** An action name and its arguments, as written: the step's action, a verify check, an undo. */
public record ActionCall(String action, Mapping with, Location location) {
}
