package dev.runbook.action;

import java.util.List;
import java.util.Map;

/**
 * What a step would do, from the real state: how it knows ({@link PreviewKind}), the effects as
 * lines for people, and the outputs later steps will see in a dry run. An opaque preview's outputs
 * are placeholders marked unknown, so later templates and conditions still evaluate. {@code refuses}:
 * the run would refuse (its effects say why); a gate reads this, never the effect text.
 */
public record Preview(PreviewKind kind, List<String> effects, Map<String, Object> outputs, boolean refuses) {

    public Preview {
        effects = List.copyOf(effects);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    public Preview(PreviewKind kind, List<String> effects, Map<String, Object> outputs) {
        this(kind, effects, outputs, false);
    }

    public static Preview opaque(List<String> effects) {
        return new Preview(PreviewKind.OPAQUE, effects, Map.of());
    }
}
