package dev.runbook.parse;

import dev.runbook.model.Text;
import dev.runbook.spec.Durations;
import dev.runbook.values.Booleans;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lenient extraction of already type-checked values: a value of the wrong shape reads as absent,
 * since the {@link dev.runbook.spec.TypeChecker} has reported it once already.
 */
final class Read {

    private Read() {
    }

    static Optional<Text> text(Mapping mapping, String key) {
        return mapping.get(key).flatMap(Read::text);
    }

    static Optional<Text> text(Node node) {
        return node instanceof Scalar s && !s.isNull() ? Optional.of(new Text(s.text(), s.location())) : Optional.empty();
    }

    static String string(Mapping mapping, String key, String otherwise) {
        return text(mapping, key).map(Text::value).orElse(otherwise);
    }

    static boolean bool(Mapping mapping, String key, boolean otherwise) {
        return text(mapping, key).flatMap(t -> Booleans.parse(t.value())).orElse(otherwise);
    }

    static Optional<Boolean> optionalBool(Mapping mapping, String key) {
        return mapping.has(key) ? Optional.of(bool(mapping, key, false)) : Optional.empty();
    }

    static Optional<Integer> integer(Mapping mapping, String key) {
        return text(mapping, key).flatMap(t -> {
            try {
                return Optional.of(Integer.parseInt(t.value().startsWith("+") ? t.value().substring(1) : t.value()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static Optional<Double> number(Mapping mapping, String key) {
        return text(mapping, key).flatMap(t -> {
            try {
                return Optional.of(Double.parseDouble(t.value()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static Optional<Duration> duration(Mapping mapping, String key) {
        return text(mapping, key).flatMap(t -> Durations.parse(t.value()));
    }

    /** A list of strings; a lone scalar counts as a one-item list. */
    static List<Text> texts(Node node) {
        List<Text> out = new ArrayList<>();
        if (node instanceof Sequence sequence) {
            sequence.items().forEach(item -> text(item).ifPresent(out::add));
        } else {
            text(node).ifPresent(out::add);
        }
        return out;
    }

    static Optional<Mapping> mapping(Mapping mapping, String key) {
        return mapping.get(key).filter(Mapping.class::isInstance).map(Mapping.class::cast);
    }

    static List<Node> items(Mapping mapping, String key) {
        return mapping.get(key).filter(Sequence.class::isInstance).map(n -> ((Sequence) n).items()).orElse(List.of());
    }
}
