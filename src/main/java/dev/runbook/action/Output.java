package dev.runbook.action;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A value an action leaves for later steps as {@code steps['id'].outputs.NAME}, typed: the same
 * constant declares it (docs, schema) and writes it ({@link Outputs#put}), so a misspelt output does
 * not compile. {@code type} is the word the docs show; values are stored as templates and the
 * journal see them (paths as text, integers as longs).
 *
 * @param <T> what the action writes
 */
public final class Output<T> {

    private final String name;
    private final String type;
    private final String description;
    private final Function<T, Object> encode;

    private Output(String name, String type, String description, Function<T, Object> encode) {
        this.name = name;
        this.type = type;
        this.description = description;
        this.encode = encode;
    }

    public static Output<Path> path(String name, String description) {
        return new Output<>(name, "path", description, Path::toString);
    }

    public static Output<String> string(String name, String description) {
        return new Output<>(name, "string", description, value -> value);
    }

    public static Output<Long> integer(String name, String description) {
        return new Output<>(name, "int", description, value -> value);
    }

    public static Output<Boolean> bool(String name, String description) {
        return new Output<>(name, "bool", description, value -> value);
    }

    /** A list (of strings, or of records as maps). */
    public static <E> Output<List<E>> list(String name, String description) {
        return new Output<>(name, "list", description, value -> value);
    }

    public static Output<Map<String, Object>> map(String name, String description) {
        return new Output<>(name, "map", description, value -> value);
    }

    /** Any JSON-like value, with the word the docs show for its type. */
    public static Output<Object> value(String name, String type, String description) {
        return new Output<>(name, type, description, value -> value);
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public String description() {
        return description;
    }

    Object encode(T value) {
        return value == null ? null : encode.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
