package dev.runbook.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem found, so the user sees all of them at once, in file order. One problem is
 * said once: a value that many things read (an inventory's group variable, read for each of its
 * hosts) is reported at its place, not once per reader.
 */
public final class Problems {

    private final java.util.Set<Problem> found = new java.util.LinkedHashSet<>();
    private final List<Problem> warnings = new ArrayList<>();

    /** Something that works but is likely a mistake: shown by validate, never fails it. */
    public void warn(Location location, String message, String hint) {
        warnings.add(new Problem(location, message, hint));
    }

    /** The warnings, sorted by position. */
    public List<Problem> warnings() {
        List<Problem> copy = new ArrayList<>(warnings);
        Collections.sort(copy);
        return List.copyOf(copy);
    }

    public void add(Location location, String message) {
        found.add(Problem.of(location, message));
    }

    public void add(Location location, String message, String hint) {
        found.add(new Problem(location, message, hint));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public int size() {
        return found.size();
    }

    /** Sorted by position; the sort is stable, so problems at one place keep the order found. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(found);
        Collections.sort(copy);
        return List.copyOf(copy);
    }
}
