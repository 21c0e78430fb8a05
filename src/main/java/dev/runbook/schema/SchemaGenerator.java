package dev.runbook.schema;

import static dev.runbook.schema.TypeSchemas.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.ActionSpec;
import dev.runbook.action.Effect;
import dev.runbook.spec.Field;
import dev.runbook.spec.FormatSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft-07) of format v1, from {@link FormatSpec} and the action registry: what
 * editors' YAML extensions use to complete and check runbooks as they are written.
 */
public final class SchemaGenerator {

    private final ActionRegistry registry;

    public SchemaGenerator(ActionRegistry registry) {
        this.registry = registry;
    }

    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the schema is built from maps and lists", e);
        }
    }

    public Map<String, Object> schema() {
        Map<String, Object> definitions = new LinkedHashMap<>();
        for (ActionSpec spec : registry.all()) {
            Map<String, Object> with = TypeSchemas.object(spec.params(), true);
            with.put("description", spec.description());
            if (!spec.oneOf().isEmpty() || !spec.anyOf().isEmpty()) {
                List<Object> groups = new ArrayList<>();
                for (List<String> group : spec.oneOf()) {
                    groups.add(map("oneOf", group.stream().map(name -> map("required", List.of(name))).toList()));
                }
                for (List<String> group : spec.anyOf()) {
                    groups.add(map("anyOf", group.stream().map(name -> map("required", List.of(name))).toList()));
                }
                with.put("allOf", groups);
            }
            definitions.put("with." + spec.name(), with);
        }
        definitions.put("step", step(FormatSpec.STEP));
        definitions.put("hookStep", step(FormatSpec.HOOK_STEP));
        definitions.put("actionCall", actionCall());
        definitions.put("verifyCheck", verifyCheck());

        Map<String, Object> root = TypeSchemas.object(FormatSpec.TOP, false);
        Map<String, Object> properties = cast(root.get("properties"));
        properties.put("format", map("const", FormatSpec.VERSION, "description", "Format version; this tool reads 1."));
        properties.put("steps", describedArray("#/definitions/step", FormatSpec.TOP, "steps"));
        properties.put("on_failure", describedArray("#/definitions/hookStep", FormatSpec.TOP, "on_failure"));
        properties.put("finally", describedArray("#/definitions/hookStep", FormatSpec.TOP, "finally"));
        tighten(definitions, properties);
        Map<String, Object> params = cast(properties.get("params"));
        params.put("propertyNames", map("pattern", FormatSpec.NAME_PATTERN));
        Map<String, Object> vars = cast(properties.get("vars"));
        vars.put("propertyNames", map("pattern", FormatSpec.NAME_PATTERN));

        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("$id", "https://runbook.dev/schema/format-1.json");
        schema.put("title", "runbook format 1");
        schema.putAll(root);
        schema.put("definitions", definitions);
        return schema;
    }

    /** Limits the reader enforces by hand (StepReader.retry, empty scenarios), stated for editors too. */
    private static void tighten(Map<String, Object> definitions, Map<String, Object> top) {
        for (String kind : List.of("step", "hookStep")) {
            Map<String, Object> retry = cast(cast(cast(definitions.get(kind)).get("properties")).get("retry"));
            Map<String, Object> retryProperties = cast(retry.get("properties"));
            cast(retryProperties.get("attempts")).put("minimum", 1);
            cast(retryProperties.get("backoff")).put("minimum", 1);
        }
        Map<String, Object> scenario = cast(cast(top.get("scenarios")).get("additionalProperties"));
        Map<String, Object> steps = cast(cast(scenario.get("properties")).get("steps"));
        for (Object choice : (List<?>) steps.get("anyOf")) {
            if ("array".equals(cast(choice).get("type"))) {
                cast(choice).put("minItems", 1);
            }
        }
    }

    private Map<String, Object> step(List<Field> fields) {
        Map<String, Object> step = TypeSchemas.object(fields, false);
        Map<String, Object> properties = cast(step.get("properties"));
        properties.put("id", map("type", "string", "pattern", FormatSpec.ID_PATTERN,
                "description", fields.get(0).description()));
        properties.put("action", map("enum", registry.names(), "description", "The action to run."));
        properties.put("confirm", map("type", List.of("string", "boolean"),
                "description", "Ask before running (true, or the question to ask)."));
        properties.put("verify", map("type", "array", "items", map("$ref", "#/definitions/verifyCheck"),
                "description", "Checks run right after the step; one failing fails the step."));
        if (properties.containsKey("undo")) {
            Map<String, Object> call = map("$ref", "#/definitions/actionCall");
            properties.put("undo", TypeSchemas.anyOf(call, map("type", "array", "items", call)));
        }
        step.put("allOf", withByAction());
        return step;
    }

    private Map<String, Object> actionCall() {
        Map<String, Object> call = TypeSchemas.object(FormatSpec.ACTION_CALL, false);
        cast(call.get("properties")).put("action", map("enum", registry.names()));
        call.put("allOf", withByAction());
        return call;
    }

    /** Each verify entry is a one-key mapping from a check's name to its arguments. */
    private Map<String, Object> verifyCheck() {
        List<Object> choices = new ArrayList<>();
        for (ActionSpec spec : registry.all()) {
            if (spec.effect() == Effect.READ_ONLY || spec.name().equals("exec")) {
                Map<String, Object> args = TypeSchemas.anyOf(map("$ref", "#/definitions/with." + spec.name()),
                        map("type", "null"));
                choices.add(map("type", "object", "properties", map(spec.name(), args),
                        "required", List.of(spec.name()), "additionalProperties", false));
            }
        }
        return map("oneOf", choices);
    }

    private List<Object> withByAction() {
        List<Object> rules = new ArrayList<>();
        for (ActionSpec spec : registry.all()) {
            rules.add(map("if", map("properties", map("action", map("const", spec.name())), "required",
                    List.of("action")), "then", map("properties", map("with",
                    map("$ref", "#/definitions/with." + spec.name())))));
        }
        return rules;
    }

    private static Map<String, Object> describedArray(String ref, List<Field> fields, String name) {
        Field field = fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        return map("type", "array", "items", map("$ref", ref), "description", field.description());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
