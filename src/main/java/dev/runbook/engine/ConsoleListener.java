package dev.runbook.engine;

import dev.runbook.model.Step;
import dev.runbook.template.Masker;
import java.io.PrintWriter;

/** Human output: a line as each step starts and ends, with status and duration. Secrets masked. */
public final class ConsoleListener implements RunListener {

    private final PrintWriter out;
    private final Masker masker;
    private final boolean colour;

    public ConsoleListener(PrintWriter out, Masker masker, boolean colour) {
        this.out = out;
        this.masker = masker;
        this.colour = colour;
    }

    /** Colour only on a terminal, and never with NO_COLOR set or TERM=dumb (no-color.org). */
    public static boolean colourWanted(java.util.Map<String, String> env, boolean terminal) {
        return terminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    }

    @Override
    public synchronized void runStarted(String runId, String runbook, boolean dryRun) {
        out.println((dryRun ? "dry run " : "run ") + runId + " of " + runbook);
        out.flush();
    }

    @Override
    public synchronized void runFinished(String runId, RunResult result) {
        long counted = result.results().stream().filter(r -> r.status() != StepStatus.SKIPPED).count();
        out.println(result.status().word() + ": " + counted + " of " + result.results().size() + " steps ran"
                + result.failedStep().map(s -> "; failed at '" + s + "'").orElse("")
                + " (exit " + result.status().exitCode() + ")");
        out.flush();
    }

    @Override
    public synchronized void stepStarted(Step step, int attempt, String title) {
        out.println(masker.mask("▶ " + step.id() + (attempt > 1 ? " (attempt " + attempt + ")" : "")
                + (title == null ? "" : "  " + title)));
        out.flush();
    }

    @Override
    public synchronized void undoStarted(Step step) {
        out.println("↶ undo " + step.id());
        out.flush();
    }

    @Override
    public synchronized void stepFinished(Step step, StepResult result) {
        String status = paint(result.status());
        String line = "  " + status + " " + result.stepId() + " in " + result.duration().toMillis() + " ms"
                + (result.error() == null ? "" : ": " + result.error());
        out.println(masker.mask(line));
        for (String effect : result.effects()) {
            out.println("      " + masker.mask(effect));
        }
        out.flush();
    }

    private String paint(StepStatus status) {
        String word = status.word();
        if (!colour) {
            return word;
        }
        String code = switch (status) {
            case SUCCEEDED, UNDONE -> "32";
            case SKIPPED, PREVIEWED -> "36";
            default -> "31";
        };
        return "\u001b[" + code + "m" + word + "\u001b[0m";
    }
}
