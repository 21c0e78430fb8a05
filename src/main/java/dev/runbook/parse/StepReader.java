package dev.runbook.parse;

import dev.runbook.model.ActionCall;
import dev.runbook.source.Location;
import dev.runbook.model.OnError;
import dev.runbook.source.Problems;
import dev.runbook.model.Retry;
import dev.runbook.model.Section;
import dev.runbook.model.Step;
import dev.runbook.model.Text;
import dev.runbook.spec.FormatSpec;
import dev.runbook.values.Booleans;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads one step mapping (already checked against its declared keys) into a {@link Step}. */
final class StepReader {

    private static final Pattern ID = Pattern.compile(FormatSpec.ID_PATTERN);

    private final Problems problems;

    StepReader(Problems problems) {
        this.problems = problems;
    }

    Optional<Step> read(Node node, Section section, int index) {
        if (!(node instanceof Mapping mapping)) {
            return Optional.empty();
        }
        String id = Read.text(mapping, "id").map(this::checkedId)
                .orElse(section == Section.STEPS ? "#" + index : section.key().replace('_', '-') + "-" + index);
        Optional<Text> action = Read.text(mapping, "action");
        if (action.isEmpty()) {
            return Optional.empty();
        }
        ActionCall call = call(action.get(), mapping);
        Optional<List<Text>> needs = mapping.get("needs").map(Read::texts);
        boolean readonly = Read.bool(mapping, "readonly", false);
        if (readonly && !call.action().equals("exec")) {
            problems.add(mapping.entry("readonly").orElseThrow().key().location(), "'readonly' is only for exec steps; "
                    + call.action() + " declares its own effect", "remove 'readonly' from step '" + id + "'");
        }
        return Optional.of(new Step(id, mapping.location(), section, Read.text(mapping, "title"), call,
                needs, when(mapping), Read.mapping(mapping, "retry").map(this::retry),
                Read.duration(mapping, "timeout"), onError(mapping), verify(mapping), undo(mapping),
                confirm(mapping), readonly, Read.optionalBool(mapping, "idempotent"), Read.text(mapping, "undone_by")));
    }

    /** The action and its {@code with}; an absent {@code with} is an empty one at the action's place. */
    private static ActionCall call(Text action, Mapping mapping) {
        Optional<Node> with = mapping.get("with");
        boolean readable = with.isEmpty() || with.get() instanceof Mapping
                || with.get() instanceof Scalar s && s.isNull();
        Mapping args = with.filter(Mapping.class::isInstance).map(Mapping.class::cast)
                .orElse(new Mapping(List.of(), action.location()));
        return new ActionCall(action.value(), args, action.location(), readable);
    }

    private String checkedId(Text id) {
        if (!ID.matcher(id.value()).matches()) {
            problems.add(id.location(), "step id '" + id.value() + "' has characters other than letters, digits, "
                    + "'.', '-' and '_'", "ids are used in needs and templates; e.g. restore-db");
        }
        return id.value();
    }

    Retry retry(Mapping mapping) {
        int attempts = Read.integer(mapping, "attempts").orElse(1);
        if (attempts < 1) {
            problems.add(mapping.get("attempts").orElseThrow().location(), "'attempts' must be at least 1, found "
                    + attempts, "attempts counts the first try too: 3 means two retries");
        }
        double backoff = Read.number(mapping, "backoff").orElse(1.0);
        if (backoff < 1.0) {
            problems.add(mapping.get("backoff").orElseThrow().location(), "'backoff' must be at least 1, found "
                    + Read.string(mapping, "backoff", ""), "1 keeps the delay constant, 2 doubles it each time");
        }
        return new Retry(Math.max(1, attempts), Read.duration(mapping, "delay").orElse(Duration.ZERO),
                Math.max(1.0, backoff));
    }

    /**
     * A condition is a template or a literal true/false. A bare expression ("params.x != 1") is
     * refused: it would be a non-empty string, always true, and its names would go unchecked.
     */
    private Optional<Text> when(Mapping mapping) {
        Optional<Text> when = Read.text(mapping, "when");
        if (when.isPresent() && !dev.runbook.template.TemplateScanner.isTemplate(when.get().value())
                && Booleans.parse(when.get().value()).isEmpty()) {
            problems.add(when.get().location(), "'when' must be a template or true/false, found \""
                    + when.get().value() + "\"", "write the condition in braces: when: \"{{ "
                    + when.get().value() + " }}\"");
            return Optional.empty();
        }
        return when;
    }

    static Optional<OnError> onError(Mapping mapping) {
        return Read.text(mapping, "on_error").flatMap(t -> {
            try {
                return Optional.of(OnError.valueOf(t.value().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private Optional<Text> confirm(Mapping mapping) {
        Optional<Node> node = mapping.get("confirm");
        if (node.isPresent() && node.get() instanceof Scalar scalar && scalar.plain()) {
            Optional<Boolean> ask = Booleans.parse(scalar.text());
            if (ask.isPresent()) {
                return ask.get() ? Optional.of(new Text("", scalar.location())) : Optional.empty();
            }
        }
        return Read.text(mapping, "confirm");
    }

    /** Each verify entry is a one-key mapping: {@code - ACTION: { ...with }}. */
    private List<ActionCall> verify(Mapping mapping) {
        List<ActionCall> checks = new ArrayList<>();
        for (Node item : Read.items(mapping, "verify")) {
            if (!(item instanceof Mapping entry) || entry.entries().size() != 1) {
                problems.add(item.location(), "a verify check is written '- ACTION: { ...with }', found "
                        + (item instanceof Mapping m ? m.entries().size() + " keys" : item.kind()),
                        "e.g. - sqlite.integrity: { db: data/app.db }");
                continue;
            }
            Mapping.Entry only = entry.entries().get(0);
            boolean readable = only.value() instanceof Mapping || only.value() instanceof Scalar s && s.isNull();
            Mapping with = only.value() instanceof Mapping m ? m : new Mapping(List.of(), only.key().location());
            if (!readable) {
                problems.add(only.value().location(), "the arguments of check '" + only.name()
                        + "' must be a mapping, found " + only.value().kind(), "e.g. - " + only.name() + ": { ... }");
            }
            checks.add(new ActionCall(only.name(), with, only.key().location(), readable));
        }
        return checks;
    }

    /** undo is one action call or a list of them, each {@code { action, with, title }}. */
    private List<ActionCall> undo(Mapping mapping) {
        Optional<Node> node = mapping.get("undo");
        if (node.isEmpty()) {
            return List.of();
        }
        List<Node> items = node.get() instanceof Sequence s ? s.items() : List.of(node.get());
        List<ActionCall> calls = new ArrayList<>();
        for (Node item : items) {
            if (!(item instanceof Mapping call)) {
                problems.add(item.location(), "an undo is written '{ action: ..., with: { ... } }', found "
                        + item.kind(), "e.g. undo: { action: file.restore, with: { from: a, to: b } }");
                continue;
            }
            new dev.runbook.spec.TypeChecker(problems, false).checkFields(call, FormatSpec.ACTION_CALL, "undo");
            Optional<Text> when = when(call);
            Read.text(call, "action").ifPresent(action -> {
                ActionCall undo = call(action, call);
                calls.add(new ActionCall(undo.action(), undo.with(), undo.location(), undo.argsReadable(),
                        Read.text(call, "title"), when));
            });
        }
        return calls;
    }
}
