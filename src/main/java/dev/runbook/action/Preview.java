package dev.runbook.action;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a step would do, from the real state: how it knows ({@link PreviewKind}), what it concludes
 * ({@link Verdict}, the value a gate and the engine read, never the effect text), the effects as
 * lines for people, and the outputs later steps will see in a dry run. An opaque preview's outputs
 * are placeholders marked unknown, so later templates and conditions still evaluate. {@code reason}:
 * why, for {@link Verdict#REFUSES} and {@link Verdict#NOT_PROBED}; null otherwise.
 */
public record Preview(PreviewKind kind, List<String> effects, Map<String, Object> outputs, Verdict verdict,
                      String reason) {

    /** What the run would do, as a value. */
    public enum Verdict {
        /** It would change something (the effects say what). */
        CHANGES,
        /** The real state already is what it would make it, or it only reads. */
        NO_CHANGE,
        /** The run would refuse before changing anything; {@link #reason()} says why. */
        REFUSES,
        /** Not probed: it checks what an earlier, only previewed, step would change. */
        NOT_PROBED,
        /** Cannot be known in advance (an arbitrary command). */
        OPAQUE;

        /** The journal's value of the same name (which also holds the words people read). */
        public dev.runbook.journal.Verdict recorded() {
            return dev.runbook.journal.Verdict.valueOf(name());
        }
    }

    public Preview {
        effects = List.copyOf(effects);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        Objects.requireNonNull(verdict, "verdict");
        if ((verdict == Verdict.REFUSES || verdict == Verdict.NOT_PROBED) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a preview that " + verdict + " says why");
        }
    }

    /** A preview whose verdict follows from its kind: simulated changes, probed reads, opaque is opaque. */
    public Preview(PreviewKind kind, List<String> effects, Map<String, Object> outputs) {
        this(kind, effects, outputs, byKind(kind), null);
    }

    /** {@code refuses}: the run would refuse; the effects say why (they become the reason). */
    public Preview(PreviewKind kind, List<String> effects, Map<String, Object> outputs, boolean refuses) {
        this(kind, effects, outputs, refuses ? Verdict.REFUSES : byKind(kind),
                refuses ? String.join("; ", effects) : null);
    }

    public static Preview opaque(List<String> effects) {
        return new Preview(PreviewKind.OPAQUE, effects, Map.of());
    }

    /** Computed from the real state: the run would change what the effects say. */
    public static Preview changes(List<String> effects, Map<String, Object> outputs) {
        return new Preview(PreviewKind.SIMULATED, effects, outputs, Verdict.CHANGES, null);
    }

    /** Computed from the real state: the run would find nothing to change. */
    public static Preview noChange(List<String> effects, Map<String, Object> outputs) {
        return new Preview(PreviewKind.SIMULATED, effects, outputs, Verdict.NO_CHANGE, null);
    }

    /** The run would refuse, for {@code reason}, before changing anything; the effect line says so. */
    public static Preview refusing(String reason, List<String> effects, Map<String, Object> outputs) {
        return new Preview(PreviewKind.SIMULATED, effects, outputs, Verdict.REFUSES, reason);
    }

    /** The same conclusion with other lines for people (a note put before the effects, say). */
    public Preview withEffects(List<String> newEffects) {
        return new Preview(kind, newEffects, outputs, verdict, reason);
    }

    /** A probe not run, for {@code reason}; its outputs stay unknown. */
    public static Preview notProbed(String reason) {
        return new Preview(PreviewKind.PROBED, List.of("not probed: " + reason), Map.of(), Verdict.NOT_PROBED,
                reason);
    }

    /** True when the run would refuse; the same as {@code verdict() == REFUSES}. */
    public boolean refuses() {
        return verdict == Verdict.REFUSES;
    }

    private static Verdict byKind(PreviewKind kind) {
        return switch (kind) {
            case PROBED -> Verdict.NO_CHANGE;
            case SIMULATED -> Verdict.CHANGES;
            case OPAQUE -> Verdict.OPAQUE;
        };
    }
}
