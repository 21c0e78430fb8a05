package dev.runbook.validate;

import dev.runbook.action.ActionRegistry;
import dev.runbook.source.Problems;
import dev.runbook.model.Runbook;
import dev.runbook.plan.StepGraph;
import dev.runbook.spec.Suggestions;
import dev.runbook.template.TemplateRules;
import dev.runbook.template.TemplateScanner;
import dev.runbook.template.TemplateScanner.Reference;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.Sequence;
import java.util.List;
import java.util.Optional;

/**
 * The static check of every {@code {{ ... }}}: each name a template reads must exist where the
 * template is evaluated. An undefined name is an error here, never an empty string at run time.
 */
final class TemplateChecks {

    static final List<String> ROOTS = List.of("params", "vars", "steps", "run", "env", "host");
    static final List<String> RUN_FIELDS = List.of("id", "runbook", "scenario", "started_at", "now", "dry_run",
            "user", "forensics", "failed_step", "error", "undoes");
    /** Pebble's core filters, functions and tests (a test keeps these a superset of Pebble's own). */
    static final List<String> FILTERS = List.of("abbreviate", "abs", "base64decode", "base64encode", "capitalize",
            "date", "default", "escape", "first", "format", "join", "last", "length", "lower", "merge", "nl2br",
            "numberformat", "raw", "replace", "reverse", "rsort", "sha256", "slice", "sort", "split", "title", "trim",
            "upper", "urlencode");
    static final List<String> FUNCTIONS = List.of("max", "min", "range");
    static final List<String> TESTS = List.of("defined", "empty", "even", "iterable", "map", "null", "odd");
    static final List<String> HOST_FIELDS = List.of("name", "user", "os");
    static final List<String> STEP_FIELDS = List.of("outputs", "status");

    private final Runbook runbook;
    private final StepGraph graph;
    private final ActionRegistry registry;
    private final Problems problems;
    private final java.util.Set<String> paramNames = new java.util.HashSet<>();
    private final java.util.Set<String> varNames = new java.util.HashSet<>();

    TemplateChecks(Runbook runbook, StepGraph graph, ActionRegistry registry, Problems problems) {
        this.runbook = runbook;
        this.graph = graph;
        this.registry = registry;
        this.problems = problems;
        runbook.params().forEach(p -> paramNames.add(p.name()));
        runbook.vars().forEach(v -> varNames.add(v.name()));
    }

    /** Checks every string inside {@code node}. */
    void check(Node node, Scope scope) {
        check(node, scope, false);
    }

    /** With {@code shell}: the strings are shell command lines (exec's and process.start's shell:). */
    void check(Node node, Scope scope, boolean shell) {
        if (node instanceof Scalar scalar) {
            checkScalar(scalar, scope, shell);
        } else if (node instanceof Mapping mapping) {
            mapping.entries().forEach(e -> check(e.value(), scope, shell));
        } else if (node instanceof Sequence sequence) {
            sequence.items().forEach(item -> check(item, scope, shell));
        }
    }

    private void checkScalar(Scalar scalar, Scope scope, boolean shell) {
        if (!TemplateScanner.isTemplate(scalar.text())) {
            return;
        }
        TemplateScanner.Scan scan = TemplateScanner.scan(scalar.text());
        if (!scan.ok()) {
            problems.add(scalar.locationOf(scan.errorOffset()), "template syntax: " + scan.error(),
                    "templates look like {{ params.name }}");
            return;
        }
        int before = problems.size();
        checkCalls(scalar, scan, scope, shell);
        if (problems.size() == before) {
            ShellChecks.syntax(scalar, shell, scope, problems);
        }
        if (shell) {
            ShellChecks.placement(scalar, scope, problems);
        }
        boolean refusedTag = scan.calls().stream().anyMatch(call -> call.kind() == TemplateScanner.Call.Kind.TAG
                && TemplateRules.REFUSED_TAGS.contains(call.name()));
        if (!refusedTag) { // a refused tag's arguments are not names (filter lower): it is reported already
            checkReferences(scalar, scan, scope);
        }
    }

    private void checkCalls(Scalar scalar, TemplateScanner.Scan scan, Scope scope, boolean shell) {
        for (TemplateScanner.Call call : scan.calls()) {
            if (call.kind() == TemplateScanner.Call.Kind.TAG) {
                ShellChecks.tag(scalar, call, scope, problems);
                continue;
            }
            if (shell && call.kind() == TemplateScanner.Call.Kind.FILTER
                    && TemplateRules.QUOTING_FILTERS.contains(call.name())) {
                problems.add(scalar.locationOf(call.start()), "'| " + call.name() + "' would change the shell quoting"
                        + " of values in " + scope.where(), "values in shell: are quoted for you; remove '| "
                        + call.name() + "', or pass the arguments as a cmd: list");
                continue;
            }
            List<String> known = switch (call.kind()) {
                case FILTER -> FILTERS;
                case FUNCTION -> FUNCTIONS;
                case TEST, TAG -> TESTS;
            };
            if (!known.contains(call.name())) {
                String kind = call.kind().name().toLowerCase(java.util.Locale.ROOT);
                problems.add(scalar.locationOf(call.start()), "unknown " + kind + " '" + call.name() + "' in "
                        + scope.where(), orElse(Suggestions.didYouMean(call.name(), known),
                        kind + "s: " + String.join(", ", known)));
            }
        }
    }

    private void checkReferences(Scalar scalar, TemplateScanner.Scan scan, Scope scope) {
        int skipUntil = -1;
        for (Reference ref : scan.references()) {
            if (ref.start() < skipUntil) {
                continue;
            }
            Finding problem = problem(ref, scope, scalar.text());
            if (problem != null && problem.hyphenated()) {
                skipUntil = hyphenatedEnd(ref, scalar.text());
            }
            if (problem != null) {
                problems.add(scalar.locationOf(ref.start()), problem.message(), problem.hint());
            }
        }
    }

    /**
     * What is wrong with a reference: the message, its hint, and whether it is a hyphenated step id
     * (steps.verify-backup), whose rest the checks then skip. Values, never read back from the wording.
     */
    private record Finding(String message, String hint, boolean hyphenated) {

        static Finding of(String message, String hint) {
            return new Finding(message, hint, false);
        }
    }

    /** Null when the reference is fine. */
    private Finding problem(Reference ref, Scope scope, String text) {
        List<String> path = ref.path();
        String second = path.size() > 1 ? path.get(1) : null;
        switch (ref.root()) {
            case "params":
                if (second == null || runbook.unreadable().contains("params")) {
                    return null;
                }
                if (!paramNames.contains(second)) {
                    return Finding.of("undefined parameter '" + second + "' in " + scope.where(),
                            orElse(Suggestions.didYouMean(second, runbook.params().stream()
                            .map(p -> p.name()).toList()), "declare it under params:"));
                }
                if (!scope.params().contains(second)) {
                    return Finding.of(scope.where() + " uses parameter '" + second + "', which is declared after it",
                            "a default may only use parameters declared above it");
                }
                return null;
            case "vars":
                return varProblem(second, scope);
            case "steps":
                return stepProblem(ref, scope, text);
            case "run":
                if (!scope.run()) {
                    return Finding.of("'run' is not known yet in " + scope.where(),
                            "parameter defaults are set before a run starts");
                }
                return second == null || RUN_FIELDS.contains(second) ? null
                        : Finding.of("run has no '" + second + "' (in " + scope.where() + ")", orElse(
                        Suggestions.didYouMean(second, RUN_FIELDS), "run has: " + String.join(", ", RUN_FIELDS)));
            case "host":
                return second == null || HOST_FIELDS.contains(second) ? null
                        : Finding.of("host has no '" + second + "' (in " + scope.where() + ")", orElse(
                        Suggestions.didYouMean(second, HOST_FIELDS), "host has: " + String.join(", ", HOST_FIELDS)));
            case "env":
                return null;
            default:
                return Finding.of("unknown name '" + ref.root() + "' in " + scope.where(),
                        orElse(Suggestions.didYouMean(ref.root(), ROOTS), "templates can use "
                        + String.join(", ", ROOTS)));
        }
    }

    private Finding varProblem(String name, Scope scope) {
        if (scope.vars() == null) {
            return Finding.of("vars cannot be used in " + scope.where(), "vars are set from params, after them");
        }
        if (name == null || runbook.unreadable().contains("vars")) {
            return null;
        }
        if (!varNames.contains(name)) {
            return Finding.of("undefined var '" + name + "' in " + scope.where(), orElse(Suggestions.didYouMean(name,
                    runbook.vars().stream().map(v -> v.name()).toList()), "declare it under vars:"));
        }
        return scope.vars().contains(name) ? null : Finding.of(scope.where() + " uses var '" + name
                + "', which is declared after it", "move '" + name + "' above");
    }

    private Finding stepProblem(Reference ref, Scope scope, String text) {
        if (!scope.steps()) {
            return Finding.of("steps cannot be used in " + scope.where(), "this value is set before any step runs");
        }
        List<String> path = ref.path();
        if (path.size() < 2 || runbook.unreadable().contains("steps")) {
            return null;
        }
        String id = path.get(1);
        if (!graph.contains(id)) {
            Optional<String> hyphenated = hyphenated(ref, id, text);
            String message = "unknown step '" + id + "' in " + scope.where();
            return hyphenated.map(full -> new Finding(message, "ids with '-' are written steps['" + full + "']", true))
                    .orElseGet(() -> Finding.of(message, stepsHint(id)));
        }
        if (!scope.anyStep() && !id.equals(scope.currentStep()) && !graph.runsBefore(id, scope.currentStep())) {
            return Finding.of(scope.where() + " uses steps['" + id + "'], but '" + id + "' does not run before it",
                    "add '" + id + "' to the needs of '" + scope.currentStep() + "'");
        }
        if (path.size() < 3) {
            return null;
        }
        if (!STEP_FIELDS.contains(path.get(2))) {
            return Finding.of("a step has no '" + path.get(2) + "' (in " + scope.where() + ")", "use steps['" + id
                    + "'].outputs.NAME or steps['" + id + "'].status");
        }
        if (path.get(2).equals("outputs") && path.size() > 3) {
            String action = graph.step(id).action().action();
            List<String> outputs = registry.find(action).map(s -> s.outputNames()).orElse(null);
            if (outputs != null && !outputs.contains(path.get(3))) {
                return Finding.of("step '" + id + "' (" + action + ") has no output '" + path.get(3) + "'",
                        orElse(Suggestions.didYouMean(path.get(3), outputs), outputs.isEmpty()
                        ? action + " has no outputs" : "its outputs: " + String.join(", ", outputs)));
            }
        }
        return null;
    }

    /** Where "steps.verify-backup" ends, so the "backup..." Pebble would subtract is not reported too. */
    private static int hyphenatedEnd(Reference ref, String text) {
        int end = ref.end();
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || "-_.".indexOf(text.charAt(end)) >= 0)) {
            end++;
        }
        return end;
    }

    /** {{ steps.verify-backup.x }} reads as steps.verify minus backup.x: the id meant, when it exists. */
    private Optional<String> hyphenated(Reference ref, String id, String text) {
        int after = ref.start() + ("steps." + id).length();
        if (after < text.length() && text.charAt(after) == '-') {
            int end = after + 1;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || "-_".indexOf(text.charAt(end)) >= 0)) {
                end++;
            }
            String full = id + text.substring(after, end);
            if (graph.contains(full)) {
                return Optional.of(full);
            }
        }
        return Optional.empty();
    }

    private String stepsHint(String id) {
        List<String> ids = graph.steps().stream().map(s -> s.id()).toList();
        return orElse(Suggestions.didYouMean(id, ids), ids.size() <= 12 ? "steps: " + String.join(", ", ids)
                : "steps are named by their id");
    }

    private static String orElse(String value, String otherwise) {
        return value != null ? value : otherwise;
    }
}
