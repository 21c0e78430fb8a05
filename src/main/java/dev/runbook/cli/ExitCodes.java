package dev.runbook.cli;

/** Every exit code the tool uses, in one place; --help and the README list the same. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int STEP_FAILED = 1;
    public static final int INVALID = 2;
    public static final int VERIFY_FAILED = 3;
    public static final int ROLLED_BACK = 4;
    public static final int LOCKED = 5;
    public static final int NEEDS_DECISION = 6;
    public static final int DRY_RUN_REFUSED = 7;
    public static final int UNDO_FAILED = 8;
    public static final int PLAN_DRIFT = 9;
    public static final int PLAN_APPLIED = 10;
    public static final int NOT_APPROVED = 11;
    /** Fleet runs: the only failures are hosts not reached or whose host key was refused (nothing ran there). */
    public static final int UNREACHABLE = 12;
    public static final int BAD_PLAN = 13;
    public static final int USAGE = 64;
    public static final int NO_INPUT = 66;
    public static final int INTERNAL = 70;
    public static final int INTERRUPTED = 130;

    // What --help says of each (annotation values must be constants, so one line per code).
    static final String HELP_0 = "  0:ok";
    static final String HELP_1 = "  1:a step failed";
    static final String HELP_2 = "  2:invalid runbook or inputs (every problem is listed)";
    static final String HELP_3 = "  3:verification failed";
    static final String HELP_4 = "  4:a step failed and the run was rolled back";
    static final String HELP_5 = "  5:locked by another run";
    static final String HELP_6 = "  6:needs a decision first (resume: a step cut off mid-way; undo: irreversible steps, "
            + "a changed runbook, no confirmation)";
    static final String HELP_7 = "  7:a dry run (run, undo, fleet) would stop: a step or host would refuse or fail (the last "
            + "line names why)";
    static final String HELP_8 = "  8:undo: an undo action failed; the undo stopped there (resume it once fixed)";
    static final String HELP_9 = "  9:apply: the state drifted since the plan was saved (one line per drift); nothing "
            + "after that point ran";
    static final String HELP_10 = " 10:apply: the plan was applied already";
    static final String HELP_11 = " 11:apply: the plan must be approved and has no approval, or one for other bytes";
    static final String HELP_12 = " 12:fleet run: hosts not reached or host key refused (nothing ran there)";
    static final String HELP_13 = " 13:apply, approve: the plan file is not a plan, is damaged, or is from another version";
    static final String HELP_64 = " 64:wrong command-line usage";
    static final String HELP_66 = " 66:a file could not be read";
    static final String HELP_70 = " 70:internal error (run with --debug for the stack trace)";
    static final String HELP_130 = "130:interrupted";

    private ExitCodes() {
    }
}
