package dev.runbook.spec;

/**
 * One declared key: of the runbook format or of an action's {@code with:}. Checking, the JSON
 * Schema and the generated docs all read these declarations, so they cannot drift apart.
 */
public record Field(String name, ValueType type, boolean required, String defaultValue,
                    String description, String example) {

    public static Field required(String name, ValueType type, String description, String example) {
        return new Field(name, type, true, null, description, example);
    }

    public static Field optional(String name, ValueType type, String description, String example) {
        return new Field(name, type, false, null, description, example);
    }

    public static Field withDefault(String name, ValueType type, String defaultValue,
                                    String description, String example) {
        return new Field(name, type, false, defaultValue, description, example);
    }
}
