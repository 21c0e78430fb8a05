package dev.runbook.action;

/**
 * A built-in action: its declaration and its behaviour in one class. The declaration (name,
 * parameters, outputs, effect, preview kind, idempotence, plan line) is a constant built from the
 * class's own {@link Param} and {@link Output} constants; validation, {@code runbook schema},
 * docs/ACTIONS.md and the plan's lines are generated from it.
 */
public interface BuiltIn extends Action {

    ActionSpec spec();
}
