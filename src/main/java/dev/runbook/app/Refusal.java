package dev.runbook.app;

import dev.runbook.plan.PlanError;
import dev.runbook.source.Problem;
import java.util.List;

/**
 * The application would not go on, and changed nothing that the refusal concerns: one line of
 * reason, a hint, and the kind as a value, which the command line maps to its exit code (code
 * branches on the kind, never on the message). {@code problems}: the invalid runbook's problems,
 * for the caller to list.
 */
public final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, as the caller must act on it. */
    public enum Kind {
        /** The request itself is wrong (an option that does not apply). */
        USAGE,
        /** The runbook, an input or the run asked for does not allow it. */
        INVALID,
        /** A file or run that must exist does not. */
        NO_INPUT,
        /** Another run holds the target. */
        LOCKED,
        /** A person must decide first (and say so with an option). */
        NEEDS_DECISION,
        /** Something that had to be done first failed. */
        FAILED,
        /** A saved plan: the state it was planned on has changed since (one reason per drift). */
        PLAN_DRIFT,
        /** A saved plan that was applied already. */
        PLAN_APPLIED,
        /** A saved plan that must be approved has no approval, or one for other bytes. */
        NOT_APPROVED,
        /** A plan file that is not a plan, is damaged, or is from another version. */
        BAD_PLAN
    }

    private final Kind kind;
    private final String hint;
    private final transient List<Problem> problems;
    private final String file;
    private final transient List<PlanError.Reason> reasons;

    public Refusal(Kind kind, String message, String hint) {
        this(kind, message, hint, null, List.of());
    }

    /** Several reasons at once (every bad input of a request), each with its hint. */
    public Refusal(Kind kind, List<PlanError.Reason> reasons) {
        super(reasons.size() == 1 ? reasons.get(0).message() : reasons.size() + " problems with the inputs",
                null, false, false);
        this.kind = kind;
        this.hint = reasons.size() == 1 ? reasons.get(0).hint() : null;
        this.file = null;
        this.problems = List.of();
        this.reasons = List.copyOf(reasons);
    }

    /** Several reasons at once, summed up by {@code summary} (the last line under them). */
    public Refusal(Kind kind, List<PlanError.Reason> reasons, String summary) {
        super(reasons.size() == 1 ? reasons.get(0).message() : summary, null, false, false);
        this.kind = kind;
        this.hint = reasons.size() == 1 ? reasons.get(0).hint() : null;
        this.file = null;
        this.problems = List.of();
        this.reasons = List.copyOf(reasons);
    }

    /** The runbook {@code file} is invalid: {@code problems} says where. */
    public Refusal(Kind kind, String message, String hint, String file, List<Problem> problems) {
        super(message, null, false, false);
        this.kind = kind;
        this.hint = hint;
        this.file = file;
        this.problems = List.copyOf(problems);
        this.reasons = List.of(new PlanError.Reason(message, hint));
    }

    public Kind kind() {
        return kind;
    }

    public String hint() {
        return hint;
    }

    public String file() {
        return file;
    }

    /** The reasons, one or several, each with its hint. */
    public List<PlanError.Reason> reasons() {
        return reasons;
    }

    public List<Problem> problems() {
        return problems;
    }
}
