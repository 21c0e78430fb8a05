package dev.runbook.source;

/** One thing wrong with a runbook or its inputs: where, what, and (when one helps) what to do. */
public record Problem(Location location, String message, String hint) implements Comparable<Problem> {

    public static Problem of(Location location, String message) {
        return new Problem(location, message, null);
    }

    public boolean hasHint() {
        return hint != null && !hint.isEmpty();
    }

    /** {@code FILE:LINE:COL: message}, then an indented {@code hint:} line when there is one. */
    public String render() {
        return location + ": " + message + (hasHint() ? "\n  hint: " + hint : "");
    }

    @Override
    public int compareTo(Problem other) {
        return location.compareTo(other.location);
    }
}
