package dev.runbook.action;

/** What an action does to the world; decides dry-run behaviour, verify eligibility and confirmation. */
public enum Effect {
    /** Reads only: runs in a dry run and may be a verify check. */
    READ_ONLY,
    /** Changes state, keeping what it replaces. */
    CHANGES,
    /** Can discard work (a hard reset): asks for confirmation by default. */
    DESTRUCTIVE
}
