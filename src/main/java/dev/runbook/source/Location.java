package dev.runbook.source;

/** A position in a runbook file; lines and columns count from 1, as editors show them. */
public record Location(String file, int line, int column) implements Comparable<Location> {

    public static Location of(String file) {
        return new Location(file, 1, 1);
    }

    /** The same file and line, {@code delta} columns further right. */
    public Location shifted(int delta) {
        return new Location(file, line, column + delta);
    }

    @Override
    public int compareTo(Location other) {
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
