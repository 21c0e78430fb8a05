package dev.runbook.action;

/**
 * What an action does. The same object answers "what would you do" and "do it", so a dry run and a
 * real run cannot describe different things.
 */
public interface Action {

    /** The effects, computed from the real state without changing it; says how sure it is. */
    Preview preview(StepContext context) throws ActionException;

    /** Does it; returns the outputs later steps may read. */
    Outcome run(StepContext context) throws ActionException;
}
