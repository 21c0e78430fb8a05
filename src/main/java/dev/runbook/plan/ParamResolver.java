package dev.runbook.plan;

import dev.runbook.model.Param;
import dev.runbook.model.ParamType;
import dev.runbook.model.Runbook;
import dev.runbook.spec.Durations;
import dev.runbook.spec.Suggestions;
import dev.runbook.template.SecretForms;
import dev.runbook.template.TemplateError;
import dev.runbook.template.Templates;
import dev.runbook.values.Booleans;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns given values ({@code -p}, a params file, secrets) and the declared defaults into typed parameter values. */
public final class ParamResolver {

    private ParamResolver() {
    }

    /** Values by name, in declaration order; an optional param with no value maps to null. */
    public static Map<String, Object> resolve(Runbook runbook, Map<String, String> given, Map<String, Object> base)
            throws PlanError {
        return resolve(runbook, given, Map.of(), base);
    }

    /**
     * Each given name the runbook does not declare, named as it was given ({@code -p NAME} unless
     * {@code origins} says otherwise), with the closest declared name or the list of them. Also what
     * a fleet controller checks before contacting any host (fleet.HostParams).
     */
    public static List<PlanError.Reason> unknownNames(Runbook runbook, Collection<String> given,
                                                      Map<String, String> origins) {
        List<String> names = runbook.params().stream().map(Param::name).toList();
        List<PlanError.Reason> problems = new ArrayList<>();
        for (String name : given) {
            if (runbook.param(name).isEmpty()) {
                String close = Suggestions.didYouMean(name, names);
                String origin = origins.get(name);
                problems.add(new PlanError.Reason(origin == null ? "unknown parameter '" + name + "' (-p " + name
                        + "=...)" : origin + ": unknown parameter '" + name + "'",
                        close != null ? close : names.isEmpty() ? "this runbook takes no parameters"
                                : "its parameters: " + String.join(", ", names)));
            }
        }
        return problems;
    }

    /**
     * As above, with where each given value came from (default {@code -p NAME}). Every unknown,
     * missing or mistyped parameter is reported, not only the first.
     */
    public static Map<String, Object> resolve(Runbook runbook, Map<String, String> given, Map<String, String> origins,
                                              Map<String, Object> base) throws PlanError {
        List<PlanError.Reason> problems = new ArrayList<>(unknownNames(runbook, given.keySet(), origins));
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> context = new HashMap<>(base);
        context.put("params", values);
        for (Param param : runbook.params()) {
            Object value = null;
            try {
                if (given.containsKey(param.name())) {
                    value = convert(param, given.get(param.name()), origins.getOrDefault(param.name(),
                            "-p " + param.name()));
                } else if (param.defaultValue().isPresent()) {
                    value = fromDefault(param, param.defaultValue().get(), context);
                } else if (param.required()) {
                    problems.add(new PlanError.Reason("missing required parameter '" + param.name() + "'",
                            "give it with -p " + param.name() + "=VALUE" + (param.secret() ? ", --secret-file "
                                    + param.name() + "=PATH or --secret-env " + param.name() + "=VAR" : "")
                                    + (param.description() == null ? "" : " (" + param.description() + ")")));
                }
            } catch (PlanError e) {
                // A default rendered from a parameter already reported as bad would only repeat it.
                if (given.containsKey(param.name()) || problems.isEmpty()) {
                    problems.addAll(e.reasons());
                }
            }
            values.put(param.name(), value);
        }
        if (!problems.isEmpty()) {
            throw new PlanError(problems);
        }
        return values;
    }

    private static Object fromDefault(Param param, Node node, Map<String, Object> context) throws PlanError {
        if (node instanceof Scalar scalar) {
            if (scalar.isNull()) {
                return null;
            }
            try {
                return convert(param, Templates.render(scalar.text(), context), "the default of " + param.name());
            } catch (TemplateError e) {
                throw new PlanError(param.location() + ": the default of parameter '" + param.name()
                        + "' cannot be rendered: " + e.getMessage(), null);
            }
        }
        return dev.runbook.yaml.Plain.of(node);
    }

    /**
     * What is wrong with this value for this param (its type, a secret too short to mask), or nothing:
     * the check each run makes, for a fleet controller to make before contacting any host.
     */
    public static List<PlanError.Reason> mistyped(Param param, String text, String where) {
        try {
            convert(param, text, where);
            return List.of();
        } catch (PlanError e) {
            return e.reasons();
        }
    }

    static Object convert(Param param, String text, String where) throws PlanError {
        if (param.secret() && !text.isEmpty() && text.codePointCount(0, text.length()) < SecretForms.MIN_LENGTH) {
            throw new PlanError(where + ": secret parameter '" + param.name() + "' is shorter than "
                    + SecretForms.MIN_LENGTH + " characters, too short to mask safely (it would be found, and "
                    + "masked, inside unrelated output)", "use a longer secret, or leave it empty");
        }
        String problem = null;
        Object value = text;
        switch (param.type()) {
            case INT -> {
                try {
                    value = Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    problem = "an integer";
                }
            }
            case BOOL -> {
                Optional<Boolean> bool = Booleans.parse(text);
                if (bool.isPresent()) {
                    value = bool.get();
                } else {
                    problem = "true or false";
                }
            }
            case DURATION -> problem = Durations.parse(text).isPresent() ? null : "a duration like 30s or 5m";
            case ENUM -> problem = param.values().contains(text) ? null : "one of " + String.join(", ", param.values());
            // A relative path that starts with '-' names the same file as ./-x, which no program
            // reads as an option when a template passes it on (rm {{ params.dir }}, tar -C ...).
            // An empty path is refused: "{{ params.dir }}/data" would turn it into /data, on the machine's root.
            case PATH -> {
                if (text.isBlank()) {
                    problem = "a path";
                } else {
                    value = text.startsWith("-") ? "./" + text : text;
                }
            }
            default -> { }
        }
        if (problem != null) {
            String shown = param.secret() ? "***" : text;
            throw new PlanError(where + ": parameter '" + param.name() + "' must be " + problem + ", found \""
                    + shown + "\"", param.type() == ParamType.ENUM ? Suggestions.didYouMean(text, param.values())
                    : param.type() == ParamType.PATH ? "give a folder or file; '.' is the working directory" : null);
        }
        return value;
    }
}
