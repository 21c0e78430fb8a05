package dev.runbook.process;

import java.time.Duration;

/**
 * How a command ended. {@code exitCode} is 128+N when signal N ended it (143 TERM, 137 KILL), as a
 * shell reports it, and -1 if it could not be collected. {@code stdout} and {@code stderr} are the
 * last 64 KiB of each stream; the log file has everything. {@code ok}: exited with an expected
 * code, neither timed out nor interrupted.
 */
public record CommandResult(int exitCode, String stdout, String stderr, Duration duration, boolean timedOut,
        boolean interrupted, boolean ok) {

    /** One line for a person: "exit 0", "exit 3 (expected 0)", "timed out after 1s", "interrupted". */
    public String describe(CommandSpec spec) {
        if (interrupted) {
            return "interrupted after " + seconds(duration);
        }
        if (timedOut) {
            return "timed out after " + seconds(spec.timeout());
        }
        return "exit " + exitCode + (ok ? "" : " (expected " + spec.expectExit().stream().sorted()
                .map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("0") + ")");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : String.format("%.3fs", d.toMillis() / 1000.0);
    }
}
