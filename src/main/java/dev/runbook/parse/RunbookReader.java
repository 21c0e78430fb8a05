package dev.runbook.parse;

import dev.runbook.model.Defaults;
import dev.runbook.model.Param;
import dev.runbook.model.ParamType;
import dev.runbook.source.Problems;
import dev.runbook.model.Runbook;
import dev.runbook.model.Scenario;
import dev.runbook.model.Section;
import dev.runbook.model.Step;
import dev.runbook.model.Text;
import dev.runbook.model.Var;
import dev.runbook.spec.FormatSpec;
import dev.runbook.spec.TypeChecker;
import dev.runbook.spec.ValueType;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.YamlLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a runbook's text into the model. Every problem it can see is collected; the model it
 * returns holds what could be read, so later checks still run over a runbook with mistakes.
 */
public final class RunbookReader {

    private static final Pattern NAME = Pattern.compile(FormatSpec.NAME_PATTERN);

    private final Problems problems;
    private final StepReader stepReader;

    private RunbookReader(Problems problems) {
        this.problems = problems;
        this.stepReader = new StepReader(problems);
    }

    /** The runbook, or empty when the file is not even a YAML mapping. */
    public static Optional<Runbook> read(RunbookSource source, Problems problems) {
        Optional<Node> root = YamlLoader.load(source.name(), source.text(), problems);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        if (!(root.get() instanceof Mapping mapping)) {
            problems.add(root.get().location(), "a runbook is a YAML mapping, found " + root.get().kind(),
                    "start with 'format: 1', 'name: ...' and 'steps:'");
            return Optional.empty();
        }
        return Optional.of(new RunbookReader(problems).runbook(source, mapping));
    }

    private Runbook runbook(RunbookSource source, Mapping root) {
        new TypeChecker(problems, false).checkFields(root, FormatSpec.TOP, "the runbook");
        // One id space for steps, on_failure and finally: the journal and the events name steps by id.
        Map<String, Step> ids = new HashMap<>();
        int format = Read.integer(root, "format").orElse(FormatSpec.VERSION);
        if (format != FormatSpec.VERSION) {
            problems.add(root.get("format").orElseThrow().location(), "unsupported format " + format,
                    "this version of runbook reads 'format: " + FormatSpec.VERSION + "'");
        }
        return new Runbook(source.name(), source.sha256(), format, Read.string(root, "name", ""),
                Read.string(root, "title", null), Read.string(root, "description", null), params(root),
                vars(root), scenarios(root), defaults(root), steps(root, Section.STEPS, ids),
                steps(root, Section.ON_FAILURE, ids), steps(root, Section.FINALLY, ids), unreadable(root),
                Read.text(root, "lock"), Read.string(root, "approval", "none").equals("required"));
    }

    private static java.util.Set<String> unreadable(Mapping root) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String key : List.of("params", "vars", "scenarios")) {
            root.get(key).filter(n -> !(n instanceof Mapping)).ifPresent(n -> out.add(key));
        }
        root.get("steps").filter(n -> !(n instanceof dev.runbook.yaml.Sequence)).ifPresent(n -> out.add("steps"));
        return out;
    }

    private List<Param> params(Mapping root) {
        List<Param> params = new ArrayList<>();
        for (Mapping.Entry entry : Read.mapping(root, "params").map(Mapping::entries).orElse(List.of())) {
            checkName(entry, "parameter");
            if (!(entry.value() instanceof Mapping spec)) {
                continue;
            }
            ParamType type = Read.text(spec, "type").flatMap(t -> paramType(t.value())).orElse(ParamType.STRING);
            List<String> values = spec.get("values").map(Read::texts).orElse(List.of())
                    .stream().map(Text::value).toList();
            if (type == ParamType.ENUM && values.isEmpty()) {
                problems.add(spec.location(), "enum parameter '" + entry.name() + "' has no 'values'",
                        "list the allowed values, e.g. values: [soft, hard]");
            } else if (type != ParamType.ENUM && spec.has("values")) {
                problems.add(spec.entry("values").orElseThrow().key().location(), "'values' is only for enum "
                        + "parameters, and '" + entry.name() + "' is " + type.word(), "add type: enum");
            }
            Optional<Node> defaultValue = spec.get("default");
            boolean required = Read.bool(spec, "required", defaultValue.isEmpty());
            if (required && defaultValue.isPresent() && spec.has("required")) {
                problems.add(spec.entry("required").orElseThrow().key().location(), "parameter '" + entry.name()
                        + "' is required and has a default", "drop one: a default makes it optional");
            }
            defaultValue.ifPresent(value -> checkDefault(entry.name(), type, values, value));
            params.add(new Param(entry.name(), type, values, defaultValue, required, Read.bool(spec, "secret", false),
                    Read.string(spec, "description", null), entry.key().location()));
        }
        return params;
    }

    private void checkDefault(String name, ParamType type, List<String> values, Node value) {
        TypeChecker checker = new TypeChecker(problems, true);
        switch (type) {
            case INT -> checker.check(value, ValueType.INT, "default");
            case BOOL -> checker.check(value, ValueType.BOOL, "default");
            case DURATION -> checker.check(value, ValueType.DURATION, "default");
            case ENUM -> {
                if (!values.isEmpty()) {
                    checker.check(value, new ValueType.Choice(values), "default");
                }
            }
            default -> checker.check(value, ValueType.STRING, "default");
        }
    }

    private static Optional<ParamType> paramType(String word) {
        try {
            return Optional.of(ParamType.valueOf(word.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private List<Var> vars(Mapping root) {
        List<Var> vars = new ArrayList<>();
        for (Mapping.Entry entry : Read.mapping(root, "vars").map(Mapping::entries).orElse(List.of())) {
            checkName(entry, "var");
            vars.add(new Var(entry.name(), entry.value(), entry.key().location()));
        }
        return vars;
    }

    private void checkName(Mapping.Entry entry, String what) {
        if (!NAME.matcher(entry.name()).matches()) {
            problems.add(entry.key().location(), what + " name '" + entry.name() + "' is not a plain name",
                    "use letters, digits and '_' (it is written {{ " + (what.equals("var") ? "vars" : "params")
                            + "." + entry.name().replaceAll("[^A-Za-z0-9_]", "_") + " }} in templates)");
        }
    }

    private List<Scenario> scenarios(Mapping root) {
        List<Scenario> scenarios = new ArrayList<>();
        for (Mapping.Entry entry : Read.mapping(root, "scenarios").map(Mapping::entries).orElse(List.of())) {
            if (entry.value() instanceof Mapping spec) {
                spec.get("steps").filter(s -> s instanceof dev.runbook.yaml.Sequence q && q.items().isEmpty())
                        .ifPresent(s -> problems.add(s.location(), "scenario '" + entry.name() + "' has no steps",
                                "list the steps it runs, e.g. steps: [restore-db]"));
                scenarios.add(new Scenario(entry.name(), Read.string(spec, "title", null),
                        Read.string(spec, "description", null), spec.get("steps").map(Read::texts).orElse(List.of()),
                        entry.key().location()));
            }
        }
        return scenarios;
    }

    private Defaults defaults(Mapping root) {
        return Read.mapping(root, "defaults")
                .map(d -> new Defaults(Read.duration(d, "timeout"), Read.mapping(d, "retry").map(stepReader::retry),
                        StepReader.onError(d)))
                .orElse(Defaults.NONE);
    }

    private List<Step> steps(Mapping root, Section section, Map<String, Step> byId) {
        List<Step> steps = new ArrayList<>();
        List<Node> items = Read.items(root, section.key());
        for (int i = 0; i < items.size(); i++) {
            Optional<Step> step = stepReader.read(items.get(i), section, i + 1);
            if (step.isEmpty()) {
                continue;
            }
            Step previous = byId.putIfAbsent(step.get().id(), step.get());
            if (previous != null) {
                problems.add(idLocation(items.get(i)), "duplicate step id '" + step.get().id()
                        + "' (first at line " + previous.location().line() + ")", "give each step its own id");
                continue;
            }
            steps.add(step.get());
        }
        return steps;
    }

    private static dev.runbook.source.Location idLocation(Node node) {
        return ((Mapping) node).get("id").map(Node::location).orElse(node.location());
    }
}
