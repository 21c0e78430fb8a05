package dev.runbook.plan;

import dev.runbook.model.Scenario;
import java.util.List;

/** The plan for people: one line per step saying what it will do, then the preview coverage. */
public final class TextPlanWriter {

    private TextPlanWriter() {
    }

    public static String write(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append(plan.runbook().name());
        if (plan.runbook().title() != null) {
            out.append(": ").append(plan.runbook().title());
        }
        out.append('\n');
        int total = plan.runbook().steps().size();
        if (plan.scenario().isPresent()) {
            Scenario scenario = plan.scenario().get();
            out.append("scenario: ").append(scenario.name());
            if (scenario.title() != null) {
                out.append(" (").append(scenario.title()).append(')');
            }
            out.append(", ");
        }
        out.append(plan.steps().size()).append(" of ").append(total).append(total == 1 ? " step\n" : " steps\n");
        if (!plan.params().isEmpty()) {
            List<String> params = plan.params().entrySet().stream()
                    .map(e -> e.getKey() + "=" + (e.getValue() == null ? "(unset)" : e.getValue())).toList();
            String oneLine = "params: " + String.join("  ", params);
            // A long list reads better one per line than as a line nobody can scan.
            out.append(oneLine.length() <= 100 ? oneLine : "params:\n  " + String.join("\n  ", params)).append('\n');
        }
        out.append('\n');
        int width = String.valueOf(plan.steps().size()).length();
        for (PlannedStep step : plan.steps()) {
            writeStep(out, step, width, true);
        }
        writeHooks(out, "on failure", plan.onFailure());
        writeHooks(out, "finally", plan.finallySteps());
        out.append('\n');
        RollbackPaths.of(plan).lines().forEach(line -> out.append(line).append('\n'));
        out.append("\npreview: ").append(plan.coverage()).append('\n');
        return out.toString();
    }

    private static void writeHooks(StringBuilder out, String title, List<PlannedStep> hooks) {
        if (hooks.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append(":\n");
        int width = String.valueOf(hooks.size()).length();
        for (PlannedStep hook : hooks) {
            writeStep(out, hook, width, false);
        }
    }

    private static void writeStep(StringBuilder out, PlannedStep step, int width, boolean main) {
        String pad = " ".repeat(width + 4);
        out.append(String.format("%" + (width + 1) + "d. %s  [%s, %s]%n", step.number(), step.id(), step.spec().name(),
                step.preview().word()));
        if (step.title() != null) {
            out.append(pad).append(step.title()).append('\n');
        }
        out.append(pad).append("→ ").append(step.summary().replace("\n", "\n" + pad + "  ")).append('\n');
        if (main && !step.needs().isEmpty()) {
            out.append(pad).append("after: ").append(String.join(", ", step.needs())).append('\n');
        }
        if (!step.assumed().isEmpty()) {
            out.append(pad).append("assumes done: ").append(String.join(", ", step.assumed())).append('\n');
        }
        if (step.when() != null) {
            out.append(pad).append("when: ").append(step.when()).append('\n');
        }
        if (step.step().confirm().isPresent()) {
            out.append(pad).append("asks first").append('\n');
        }
        for (String check : step.verify()) {
            out.append(pad).append("verify ").append(check).append('\n');
        }
        for (String undo : step.undo()) {
            out.append(pad).append("undo ").append(undo).append('\n');
        }
    }
}
