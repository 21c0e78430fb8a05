package dev.runbook.yaml;

import dev.runbook.source.Location;

/**
 * A scalar keeps its source text and whether it was quoted: the runbook's own types decide what
 * the text means, so YAML 1.1 surprises ({@code on}, {@code NO}, {@code 0755}) cannot happen.
 */
public record Scalar(String text, Style style, Location location) implements Node {

    /** How the scalar was written; decides where its text starts on the line. */
    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, BLOCK }

    public boolean plain() {
        return style == Style.PLAIN;
    }

    /** Where character {@code offset} of the text stands in the file, when that can be known. */
    public Location locationOf(int offset) {
        boolean oneLine = text.indexOf('\n') < 0;
        return switch (style) {
            case PLAIN -> oneLine ? location.shifted(offset) : location;
            case SINGLE_QUOTED -> oneLine && text.indexOf('\'') < 0 ? location.shifted(offset + 1) : location;
            case DOUBLE_QUOTED -> oneLine && text.indexOf('"') < 0 && text.indexOf('\\') < 0
                    ? location.shifted(offset + 1) : location;
            case BLOCK -> location;
        };
    }

    /** YAML 1.2 core schema null: an empty plain scalar, {@code ~} or {@code null}. */
    public boolean isNull() {
        return plain() && (text.isEmpty() || text.equals("~") || text.equals("null")
                || text.equals("Null") || text.equals("NULL"));
    }

    public boolean isTemplate() {
        return text.contains("{{") || text.contains("{%");
    }

    @Override
    public String kind() {
        return isNull() ? "nothing" : "a string";
    }
}
