package dev.runbook.engine;

import java.util.Locale;

/**
 * How a run ended, and the exit code that says so (README, --help). WOULD_STOP: a dry run in which
 * at least one step would refuse or fail (the gate's exit 7). NOT_CONFIRMED: the up-front approval
 * was declined or could not be asked; no step ran (the application decides it, never the engine).
 */
public enum RunStatus {
    SUCCEEDED(0), FAILED(1), VERIFY_FAILED(3), ROLLED_BACK(4), NOT_CONFIRMED(6), WOULD_STOP(7), INTERRUPTED(130);

    private final int exitCode;

    RunStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
