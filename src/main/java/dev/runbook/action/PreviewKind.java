package dev.runbook.action;

/** How a dry run knows what an action would do. */
public enum PreviewKind {
    /** A read-only check really runs. */
    PROBED,
    /** The effects are computed from the real state, without changing it. */
    SIMULATED,
    /** Cannot be known in advance (an arbitrary command). */
    OPAQUE;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
