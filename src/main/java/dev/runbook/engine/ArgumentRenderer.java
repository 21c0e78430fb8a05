package dev.runbook.engine;

import dev.runbook.action.ActionSpec;
import dev.runbook.action.Arguments;
import dev.runbook.model.ActionCall;
import dev.runbook.spec.ValueType;
import dev.runbook.template.OptionValues;
import dev.runbook.template.PartialRenderer;
import dev.runbook.template.TemplateError;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a call's arguments against the run's context at the moment the step starts. Every
 * name must resolve (strict): an undefined one fails the step, it never becomes an empty string.
 */
final class ArgumentRenderer {

    private final PartialRenderer renderer;

    ArgumentRenderer(Map<String, Object> context) {
        this.renderer = new PartialRenderer(context, reference -> true);
    }

    Arguments render(ActionCall call, ActionSpec spec) throws TemplateError {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Mapping.Entry entry : call.with().entries()) {
            boolean shell = spec.param(entry.name()).map(f -> f.type() == ValueType.SHELL).orElse(false);
            Object value = value(entry.value(), shell);
            java.util.Optional<String> optionLike = OptionValues.problem(spec.name(), entry.name(), value);
            if (optionLike.isPresent()) {
                throw new TemplateError(TemplateError.Kind.UNSAFE, optionLike.get() + "; "
                        + OptionValues.hint(spec.name()), null);
            }
            values.put(entry.name(), value);
        }
        return new Arguments(spec, values);
    }

    String text(String template) throws TemplateError {
        return renderer.render(template, false);
    }

    /** A YAML value with every string rendered; a lone {{ path }} keeps its type. */
    Object value(Node node, boolean shell) throws TemplateError {
        if (node instanceof Scalar scalar) {
            return scalar.isNull() ? null : renderer.renderValue(scalar.text(), shell);
        }
        if (node instanceof Sequence sequence) {
            List<Object> items = new ArrayList<>();
            for (Node item : sequence.items()) {
                items.add(value(item, shell));
            }
            return items;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Mapping.Entry entry : ((Mapping) node).entries()) {
            map.put(entry.name(), value(entry.value(), shell));
        }
        return map;
    }
}
