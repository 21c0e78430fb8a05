package dev.runbook.schema;

import dev.runbook.spec.Durations;
import dev.runbook.spec.Field;
import dev.runbook.spec.ValueType;
import dev.runbook.values.Sizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Schema (draft-07) of a declared type; with templates on, a template string may stand in for a scalar. */
final class TypeSchemas {

    static final String TEMPLATE_PATTERN = "\\{[{%]";

    private TypeSchemas() {
    }

    static Map<String, Object> of(ValueType type, boolean templates) {
        Map<String, Object> schema;
        if (type instanceof ValueType.Simple simple) {
            schema = simple(simple.kind());
            if (templates && simple.kind() != ValueType.Kind.STRING && simple.kind() != ValueType.Kind.PATH
                    && simple.kind() != ValueType.Kind.EXPRESSION && simple.kind() != ValueType.Kind.SHELL) {
                schema = anyOf(schema, template());
            }
        } else if (type instanceof ValueType.Choice choice) {
            schema = map("enum", choice.values());
            if (templates) {
                schema = anyOf(schema, template());
            }
        } else if (type instanceof ValueType.ListOf list) {
            Map<String, Object> item = of(list.item(), templates);
            schema = map("type", "array", "items", item);
            if (list.singleAllowed()) {
                schema = anyOf(item, schema);
            } else if (templates) {
                schema = anyOf(schema, template());
            }
        } else if (type instanceof ValueType.MapOf mapOf) {
            schema = map("type", "object", "additionalProperties", of(mapOf.value(), templates));
        } else if (type instanceof ValueType.Obj obj) {
            schema = object(obj.fields(), templates);
        } else {
            schema = new LinkedHashMap<>();
        }
        return schema;
    }

    /** A mapping with declared keys: unknown keys are refused, as the validator does. */
    static Map<String, Object> object(List<Field> fields, boolean templates) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Field field : fields) {
            properties.put(field.name(), described(of(field.type(), templates), field));
            if (field.required()) {
                required.add(field.name());
            }
        }
        Map<String, Object> schema = map("type", "object", "properties", properties, "additionalProperties", false);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    static Map<String, Object> described(Map<String, Object> schema, Field field) {
        Map<String, Object> out = new LinkedHashMap<>(schema);
        String text = field.description() + (field.defaultValue() != null ? " Default: " + field.defaultValue() + "." : "");
        out.put("description", text);
        return out;
    }

    private static Map<String, Object> simple(ValueType.Kind kind) {
        return switch (kind) {
            case INT -> map("type", "integer");
            case NUMBER -> map("type", "number");
            case BOOL -> map("type", "boolean");
            case DURATION -> map("type", "string", "pattern", Durations.PATTERN);
            case SIZE -> anyOf(map("type", "integer", "minimum", 0), map("type", "string", "pattern", Sizes.PATTERN));
            // Any scalar reads as a string (an argv item 8001, a title "on"), as the validator reads it.
            default -> map("type", List.of("string", "number", "boolean"));
        };
    }

    static Map<String, Object> template() {
        return map("type", "string", "pattern", TEMPLATE_PATTERN);
    }

    static Map<String, Object> anyOf(Object... schemas) {
        return map("anyOf", List.of(schemas));
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
