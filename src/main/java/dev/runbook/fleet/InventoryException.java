package dev.runbook.fleet;

import dev.runbook.source.Problem;
import java.util.List;

/** An inventory that cannot be used, with every problem found (file:line:col, hint), or a bad --limit. */
public final class InventoryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    InventoryException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The located problems (empty for a --limit that selects nothing). */
    public List<Problem> problems() {
        return problems;
    }
}
