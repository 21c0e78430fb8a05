package dev.runbook.model;

/** Where a step is declared: the main graph, or one of the two closing lists. */
public enum Section {
    STEPS("steps"), ON_FAILURE("on_failure"), FINALLY("finally");

    private final String key;

    Section(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
