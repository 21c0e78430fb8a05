package dev.runbook.action;

/** A value an action leaves for later steps as {@code steps['id'].outputs.NAME}. */
public record Output(String name, String type, String description) {
}
