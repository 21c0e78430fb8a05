package dev.runbook.plan;

/** The plan's step graph as a Mermaid flowchart, for docs and pull requests. */
public final class MermaidPlanWriter {

    private MermaidPlanWriter() {
    }

    public static String write(Plan plan) {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        for (PlannedStep step : plan.steps()) {
            out.append("  s").append(step.number()).append("[\"").append(label(step.id())).append("<br/><small>")
                    .append(label(step.spec().name())).append("</small>\"]\n");
        }
        for (PlannedStep step : plan.steps()) {
            for (String need : step.needs()) {
                plan.steps().stream().filter(s -> s.id().equals(need)).findFirst().ifPresent(dep ->
                        out.append("  s").append(dep.number()).append(" --> s").append(step.number()).append('\n'));
            }
        }
        return out.toString();
    }

    /** Mermaid labels take HTML entities; quotes and angle brackets would end or break the label. */
    private static String label(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
