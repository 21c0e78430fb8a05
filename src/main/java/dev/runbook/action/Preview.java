package dev.runbook.action;

import java.util.List;
import java.util.Map;

/**
 * What a step would do, from the real state: how it knows ({@link PreviewKind}), the effects as
 * lines for people, and the outputs later steps will see in a dry run. An opaque preview's outputs
 * are placeholders marked unknown, so later templates and conditions still evaluate.
 */
public record Preview(PreviewKind kind, List<String> effects, Map<String, Object> outputs) {

    public Preview {
        effects = List.copyOf(effects);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    public static Preview opaque(List<String> effects) {
        return new Preview(PreviewKind.OPAQUE, effects, Map.of());
    }
}
