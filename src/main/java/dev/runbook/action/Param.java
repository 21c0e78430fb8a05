package dev.runbook.action;

import dev.runbook.spec.Field;
import dev.runbook.spec.ValueType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One parameter of an action, typed: the same constant declares it (name, type, description,
 * example, required or default) and reads it ({@link StepContext#get}), so a misspelt name does not
 * compile and a parameter the action did not declare cannot be read. Immutable:
 * {@link #required()} and {@link #byDefault} return new constants.
 *
 * @param <T> what the action gets: the YAML text is read by the declared type
 */
public final class Param<T> {

    /** Reads a present value (templates already rendered) as T; wrong types are ActionExceptions. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Arguments.Value value) throws ActionException;
    }

    private final Field field;
    private final Reader<T> reader;

    private Param(Field field, Reader<T> reader) {
        this.field = field;
        this.reader = reader;
    }

    private static <T> Param<T> of(String name, ValueType type, String description, String example, Reader<T> reader) {
        return new Param<>(Field.optional(name, type, description, example), reader);
    }

    public static Param<String> string(String name, String description, String example) {
        return of(name, ValueType.STRING, description, example, Arguments.Value::text);
    }

    /** A shell command line: values inserted by templates are shell-quoted when rendered. */
    public static Param<String> shell(String name, String description, String example) {
        return of(name, ValueType.SHELL, description, example, Arguments.Value::text);
    }

    public static Param<String> expression(String name, String description, String example) {
        return of(name, ValueType.EXPRESSION, description, example, Arguments.Value::text);
    }

    /** A path as written; {@link StepContext#path} resolves it against the working directory. */
    public static Param<Path> path(String name, String description, String example) {
        return of(name, ValueType.PATH, description, example, value -> Path.of(value.text()));
    }

    public static Param<Boolean> bool(String name, String description, String example) {
        return of(name, ValueType.BOOL, description, example, Arguments.Value::bool);
    }

    public static Param<Long> integer(String name, String description, String example) {
        return of(name, ValueType.INT, description, example, Arguments.Value::integer);
    }

    public static Param<Duration> duration(String name, String description, String example) {
        return of(name, ValueType.DURATION, description, example, Arguments.Value::duration);
    }

    /** A byte size ("500 MiB", "2G"), read as bytes. */
    public static Param<Long> size(String name, String description, String example) {
        return of(name, ValueType.SIZE, description, example, Arguments.Value::size);
    }

    /** A list of strings; a lone value stands for a one-item list. */
    public static Param<List<String>> strings(String name, String description, String example) {
        return of(name, ValueType.STRINGS, description, example, Arguments.Value::strings);
    }

    /** A list of paths as written; a lone value stands for a one-item list. */
    public static Param<List<Path>> paths(String name, String description, String example) {
        return of(name, ValueType.PATHS, description, example,
                value -> value.strings().stream().map(Path::of).toList());
    }

    /** An argument vector: a list, never a lone string (so it never meets a shell). */
    public static Param<List<String>> argv(String name, String description, String example) {
        return of(name, ValueType.ARGV, description, example, Arguments.Value::strings);
    }

    /** A list of integers; a lone value stands for a one-item list. */
    public static Param<List<Long>> integers(String name, String description, String example) {
        return of(name, new ValueType.ListOf(ValueType.INT, true), description, example, Arguments.Value::integers);
    }

    /** One word out of a fixed set. */
    public static Param<String> oneOf(String name, List<String> words, String description, String example) {
        return of(name, new ValueType.Choice(words), description, example, Arguments.Value::text);
    }

    /** A mapping whose values have the given type (checked when the runbook is validated). */
    public static Param<Map<String, Object>> map(String name, ValueType values, String description, String example) {
        return of(name, new ValueType.MapOf(values), description, example, Arguments.Value::map);
    }

    /** A value of any other declared shape (a mapping with declared keys, any JSON value), as parsed. */
    public static Param<Object> value(String name, ValueType type, String description, String example) {
        return of(name, type, description, example, Arguments.Value::raw);
    }

    /** The same parameter, required: validation refuses a step without it. */
    public Param<T> required() {
        return new Param<>(Field.required(field.name(), field.type(), field.description(), field.example()), reader);
    }

    /** The same parameter with a default, written as YAML ("quick", "true", "[0]"). */
    public Param<T> byDefault(String yaml) {
        return new Param<>(Field.withDefault(field.name(), field.type(), yaml, field.description(), field.example()),
                reader);
    }

    public String name() {
        return field.name();
    }

    public Field field() {
        return field;
    }

    /** A present value read as T (only {@link Arguments} calls this, after checking the declaration). */
    T convert(Arguments.Value value) throws ActionException {
        return reader.read(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
