package dev.runbook.action;

import dev.runbook.spec.Field;
import dev.runbook.spec.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The declaration of one built-in action: its parameters, outputs, effect and preview. Validation,
 * {@code runbook schema}, docs/ACTIONS.md and the plan's one-line summaries all come from here.
 *
 * @param oneOf groups of parameters of which exactly one must be given
 * @param anyOf groups of parameters of which at least one must be given
 * @param planLine the plan's summary: {@code {param}} is replaced by its value; a {@code [...]}
 *                 part is shown only when every parameter in it is set
 * @param reads    what its preview reads of the world, which a saved plan fingerprints
 */
public record ActionSpec(String name, String description, Effect effect, PreviewKind preview,
                         boolean idempotent, List<Field> params, List<Output<?>> outputs,
                         List<List<String>> oneOf, List<List<String>> anyOf, String planLine,
                         PreviewReads reads) {

    public ActionSpec {
        params = List.copyOf(params);
        outputs = List.copyOf(outputs);
        oneOf = List.copyOf(oneOf);
        anyOf = List.copyOf(anyOf);
    }

    /** A loop, not a stream: called for every argument of every step. */
    public Optional<Field> param(String paramName) {
        for (Field field : params) {
            if (field.name().equals(paramName)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    public boolean readOnly() {
        return effect == Effect.READ_ONLY;
    }

    /**
     * Whether a dry run may really run it: read-only AND previewed by probing. process.stop probes
     * (it lists the matching processes) but changes things, so it is previewed, never run.
     */
    public boolean runsInDryRun() {
        return effect == Effect.READ_ONLY && preview == PreviewKind.PROBED;
    }

    public List<String> outputNames() {
        return outputs.stream().map(Output::name).toList();
    }

    public static Builder define(String name, String description) {
        return new Builder(name, description);
    }

    /** Reads like the declaration it is: {@code define(..).changes().param(..).output(..).build()}. */
    public static final class Builder {
        private final String name;
        private final String description;
        private Effect effect = Effect.CHANGES;
        private PreviewKind preview = PreviewKind.SIMULATED;
        private boolean idempotent;
        private final List<Field> params = new ArrayList<>();
        private final List<Output<?>> outputs = new ArrayList<>();
        private final List<List<String>> oneOf = new ArrayList<>();
        private final List<List<String>> anyOf = new ArrayList<>();
        private PreviewReads reads = PreviewReads.PATH_PARAMS;
        private String planLine;

        private Builder(String name, String description) {
            this.name = name;
            this.description = description;
        }

        /** Read-only actions are probed in a dry run and are idempotent by nature. */
        public Builder readOnly() {
            effect = Effect.READ_ONLY;
            preview = PreviewKind.PROBED;
            idempotent = true;
            return this;
        }

        public Builder destructive() {
            effect = Effect.DESTRUCTIVE;
            return this;
        }

        public Builder preview(PreviewKind kind) {
            preview = kind;
            return this;
        }

        public Builder idempotent() {
            idempotent = true;
            return this;
        }

        public Builder required(String param, ValueType type, String description, String example) {
            params.add(Field.required(param, type, description, example));
            return this;
        }

        public Builder optional(String param, ValueType type, String description, String example) {
            params.add(Field.optional(param, type, description, example));
            return this;
        }

        public Builder optional(String param, ValueType type, String defaultValue, String description,
                                String example) {
            params.add(Field.withDefault(param, type, defaultValue, description, example));
            return this;
        }

        public Builder output(String output, String type, String description) {
            outputs.add(Output.value(output, type, description));
            return this;
        }

        /** The parameters, in the order the docs list them. */
        public Builder params(Param<?>... declared) {
            for (Param<?> param : declared) {
                params.add(param.field());
            }
            return this;
        }

        /** The outputs, in the order the docs list them. */
        public Builder outputs(Output<?>... declared) {
            outputs.addAll(List.of(declared));
            return this;
        }

        public Builder exactlyOneOf(Param<?>... declared) {
            oneOf.add(java.util.Arrays.stream(declared).map(Param::name).toList());
            return this;
        }

        public Builder atLeastOneOf(Param<?>... declared) {
            anyOf.add(java.util.Arrays.stream(declared).map(Param::name).toList());
            return this;
        }

        public Builder exactlyOneOf(String... names) {
            oneOf.add(List.of(names));
            return this;
        }

        public Builder atLeastOneOf(String... names) {
            anyOf.add(List.of(names));
            return this;
        }

        /** What the preview reads, when it is not just the paths its parameters name (the default). */
        public Builder reads(PreviewReads kind) {
            reads = kind;
            return this;
        }

        public Builder plan(String line) {
            planLine = line;
            return this;
        }

        public ActionSpec build() {
            return new ActionSpec(name, description, effect, preview, idempotent, params, outputs, oneOf, anyOf,
                    planLine == null ? description : planLine, reads);
        }
    }
}
