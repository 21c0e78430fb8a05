package dev.runbook.console;

import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunResult;
import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.model.Step;
import dev.runbook.template.Masker;
import java.io.PrintWriter;

/**
 * Human output: a line as each step starts and ends, with status and duration; on a terminal, a
 * live status line below them saying what is running. Secrets masked.
 */
public final class ConsoleListener implements RunListener {

    private final PrintWriter out;
    private final Masker masker;
    private final boolean colour;
    private final StatusLine status;
    private final java.util.function.ToIntFunction<RunResult> exitCode;

    public ConsoleListener(PrintWriter out, Masker masker, boolean colour) {
        this(out, masker, colour, 0);
    }

    /** {@code statusWidth}: the terminal's width for the live status line; 0 for no status line. */
    public ConsoleListener(PrintWriter out, Masker masker, boolean colour, int statusWidth) {
        this(out, masker, colour, statusWidth, result -> result.status().exitCode());
    }

    /** {@code exitCode}: what the command will exit with (an undo has codes of its own). */
    public ConsoleListener(PrintWriter out, Masker masker, boolean colour, int statusWidth,
                           java.util.function.ToIntFunction<RunResult> exitCode) {
        this.exitCode = exitCode;
        this.out = out;
        this.masker = masker;
        this.colour = colour;
        this.status = statusWidth > 0 ? new StatusLine(out, this, statusWidth) : null;
    }

    /** The status line only where it can be redrawn in place: stderr a terminal that is not dumb. */
    public static boolean statusLineWanted(java.util.Map<String, String> env, boolean stderrTerminal) {
        return stderrTerminal && !"dumb".equals(env.get("TERM"));
    }

    /** Colour only on a terminal, and never with NO_COLOR set or TERM=dumb (no-color.org). */
    public static boolean colourWanted(java.util.Map<String, String> env, boolean terminal) {
        return terminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    }

    @Override
    public synchronized void runStarted(String runId, String runbook, boolean dryRun) {
        out.println((dryRun ? "dry run " : "run ") + runId + " of " + runbook);
        out.flush();
        if (status != null) {
            status.start();
        }
    }

    @Override
    public synchronized void runFinished(String runId, RunResult result) {
        if (status != null) {
            status.stop();
        }
        long counted = result.results().stream().filter(r -> r.status() != StepStatus.SKIPPED).count();
        out.println(result.status().word() + ": " + counted + " of " + result.results().size() + " steps ran"
                + result.failedStep().map(s -> "; failed at '" + s + "'").orElse("")
                + " (exit " + exitCode.applyAsInt(result) + ")");
        if (!result.unchecked().isEmpty()) {
            out.println("human checks no person made: " + String.join(", ", result.unchecked().stream()
                    .map(r -> r.stepId() + " " + r.status().word()).toList()));
        }
        out.flush();
    }

    @Override
    public synchronized void stepStarted(Step step, int attempt, String title) {
        clearStatus();
        out.println(masker.mask("▶ " + step.id() + (attempt > 1 ? " (attempt " + attempt + ")" : "")
                + (title == null ? "" : "  " + title)));
        out.flush();
        if (status != null) {
            status.stepRunning(step.id(), title == null ? null : masker.mask(title));
            status.draw();
        }
    }

    @Override
    public synchronized void undoStarted(Step step, String title) {
        clearStatus();
        out.println(masker.mask("↶ undo " + step.id() + (title == null ? "" : "  " + title)));
        out.flush();
    }

    @Override
    public synchronized void attemptFailed(Step step, StepResult result) {
        clearStatus();
        out.println(masker.mask("  " + paint(result.status()) + " " + result.label() + " attempt " + result.attempts()
                + " in " + result.duration().toMillis() + " ms" + (result.error() == null ? "" : ": "
                + result.error()) + "; trying again"));
        out.flush();
        if (status != null) {
            status.draw();
        }
    }

    @Override
    public synchronized void stepFinished(Step step, StepResult result) {
        clearStatus();
        String word = paint(result.status());
        String line = "  " + word + " " + result.label() + " in " + result.duration().toMillis() + " ms"
                + (result.error() == null ? "" : ": " + result.error());
        out.println(masker.mask(line));
        for (String effect : result.effects()) {
            out.println("      " + masker.mask(effect));
        }
        out.flush();
        if (status != null) {
            status.stepDone(step.id());
            status.draw();
        }
    }

    private void clearStatus() {
        if (status != null) {
            status.clear();
        }
    }

    private String paint(StepStatus status) {
        String word = status.word();
        if (!colour) {
            return word;
        }
        String code = switch (status) {
            case SUCCEEDED, UNDONE -> "32";
            case SKIPPED, PREVIEWED -> "36";
            case NOT_CHECKED, VOUCHED -> "33";
            default -> "31";
        };
        return "\u001b[" + code + "m" + word + "\u001b[0m";
    }
}
