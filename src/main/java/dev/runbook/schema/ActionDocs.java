package dev.runbook.schema;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.ActionSpec;
import dev.runbook.action.Output;
import dev.runbook.spec.Field;

/** docs/ACTIONS.md, generated from the registry so the reference cannot go stale (a test compares). */
public final class ActionDocs {

    private final ActionRegistry registry;

    public ActionDocs(ActionRegistry registry) {
        this.registry = registry;
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Actions\n\n")
                .append("Generated from the action registry by `bin/runbook schema --format markdown`; do not edit by\n")
                .append("hand (a test fails when this file and the registry differ).\n\n")
                .append("Every action's arguments go under `with:`; any string value may be a template. A dry run\n")
                .append("previews each step as **probed** (a read-only check really runs), **simulated** (effects\n")
                .append("computed from the real state) or **opaque** (cannot be known before it runs).\n\n")
                .append("| action | effect | dry run | does |\n|---|---|---|---|\n");
        for (ActionSpec spec : registry.all()) {
            out.append("| [`").append(spec.name()).append("`](#").append(anchor(spec.name())).append(") | ")
                    .append(effect(spec)).append(" | ").append(spec.preview().word()).append(" | ")
                    .append(cell(firstSentence(spec.description()))).append(" |\n");
        }
        for (ActionSpec spec : registry.all()) {
            section(out, spec);
        }
        return out.toString();
    }

    private static void section(StringBuilder out, ActionSpec spec) {
        out.append("\n## ").append(spec.name()).append("\n\n").append(spec.description()).append("\n\n")
                .append("Effect: ").append(effect(spec)).append(" · dry run: ").append(spec.preview().word())
                .append(" · safe to re-run after a crash: ").append(spec.idempotent() ? "yes" : "no").append("\n\n");
        for (var group : spec.oneOf()) {
            out.append("Give exactly one of: `").append(String.join("`, `", group)).append("`.\n\n");
        }
        for (var group : spec.anyOf()) {
            out.append("Give at least one of: `").append(String.join("`, `", group)).append("`.\n\n");
        }
        out.append("| parameter | type | required | default | description | example |\n|---|---|---|---|---|---|\n");
        for (Field field : spec.params()) {
            out.append("| `").append(field.name()).append("` | ").append(cell(field.type().describe())).append(" | ")
                    .append(field.required() ? "yes" : "no").append(" | ")
                    .append(field.defaultValue() == null ? "" : "`" + cell(field.defaultValue()) + "`").append(" | ")
                    .append(cell(field.description())).append(" | `").append(cell(field.example())).append("` |\n");
        }
        if (!spec.outputs().isEmpty()) {
            out.append("\nOutputs (`steps['ID'].outputs.NAME`):\n\n| output | type | description |\n|---|---|---|\n");
            for (Output<?> output : spec.outputs()) {
                out.append("| `").append(output.name()).append("` | ").append(output.type()).append(" | ")
                        .append(cell(output.description())).append(" |\n");
            }
        }
    }

    private static String effect(ActionSpec spec) {
        return switch (spec.effect()) {
            case READ_ONLY -> "read-only";
            case CHANGES -> "changes";
            case DESTRUCTIVE -> "destructive (asks first)";
        };
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static String anchor(String name) {
        return name.replace(".", "");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
