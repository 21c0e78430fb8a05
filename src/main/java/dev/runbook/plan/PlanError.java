package dev.runbook.plan;

import java.util.List;

/**
 * The plan cannot be made from these inputs: an unknown scenario, bad -p values. A user error. It
 * holds every reason found, not the first, so that all bad inputs are fixed in one go.
 */
public final class PlanError extends Exception {

    private static final long serialVersionUID = 1L;

    /** One thing wrong, with what to do about it (or null). */
    public record Reason(String message, String hint) {
    }

    private final transient List<Reason> reasons;

    public PlanError(String message, String hint) {
        this(List.of(new Reason(message, hint)));
    }

    public PlanError(List<Reason> reasons) {
        super(reasons.size() == 1 ? reasons.get(0).message() : reasons.size() + " problems with the inputs",
                null, false, false);
        this.reasons = List.copyOf(reasons);
    }

    /** The hint of a single reason; null when there are several (each has its own). */
    public String hint() {
        return reasons.size() == 1 ? reasons.get(0).hint() : null;
    }

    public List<Reason> reasons() {
        return reasons;
    }
}
