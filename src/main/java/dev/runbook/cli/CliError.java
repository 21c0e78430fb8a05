package dev.runbook.cli;

import dev.runbook.app.Refusal;
import dev.runbook.plan.PlanError;
import java.util.List;

/**
 * A user-facing failure: one line of reason, an optional hint, and the exit code it maps to; or
 * several such reasons at once (every bad input of a command line), each printed with its hint.
 */
final class CliError extends Exception {

    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final String hint;
    private final transient List<PlanError.Reason> reasons;

    CliError(int exitCode, String message, String hint) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.hint = hint;
        this.reasons = List.of(new PlanError.Reason(message, hint));
    }

    CliError(int exitCode, List<PlanError.Reason> reasons) {
        this(exitCode, reasons, reasons.size() + " problems with the inputs");
    }

    /** {@code summary}: the last line under several reasons. */
    CliError(int exitCode, List<PlanError.Reason> reasons, String summary) {
        super(reasons.size() == 1 ? reasons.get(0).message() : summary, null, false, false);
        this.exitCode = exitCode;
        this.hint = reasons.size() == 1 ? reasons.get(0).hint() : null;
        this.reasons = List.copyOf(reasons);
    }

    /** An invalid plan request: every reason it holds. */
    static CliError invalid(PlanError e) {
        return new CliError(ExitCodes.INVALID, e.reasons());
    }

    /** A refusal of the application, with the exit code of its kind (the problems are printed before). */
    static CliError of(Refusal refusal) {
        return new CliError(exitCode(refusal.kind()), refusal.reasons(), refusal.getMessage());
    }

    static int exitCode(Refusal.Kind kind) {
        return switch (kind) {
            case USAGE -> ExitCodes.USAGE;
            case INVALID -> ExitCodes.INVALID;
            case NO_INPUT -> ExitCodes.NO_INPUT;
            case LOCKED -> ExitCodes.LOCKED;
            case NEEDS_DECISION -> ExitCodes.NEEDS_DECISION;
            case FAILED -> ExitCodes.STEP_FAILED;
            case PLAN_DRIFT -> ExitCodes.PLAN_DRIFT;
            case PLAN_APPLIED -> ExitCodes.PLAN_APPLIED;
            case NOT_APPROVED -> ExitCodes.NOT_APPROVED;
            case BAD_PLAN -> ExitCodes.BAD_PLAN;
        };
    }

    int exitCode() {
        return exitCode;
    }

    String hint() {
        return hint;
    }

    List<PlanError.Reason> reasons() {
        return reasons;
    }
}
