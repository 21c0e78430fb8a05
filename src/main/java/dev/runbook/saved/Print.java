package dev.runbook.saved;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a {@link Subject} looked like at one moment: its kind ({@code file}, {@code folder},
 * {@code backup}, {@code sqlite}, {@code git}, {@code processes} or {@code absent}), named facts
 * (size, modified, sha256, Alembic revision, HEAD, ...) and, for folders, repositories and
 * processes, its entries (name to a short description), so that a drift names what changed.
 */
public record Print(Subject subject, String kind, Map<String, String> facts, Map<String, String> entries) {

    private static final int NAMED = 3;

    public Print {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** One line per difference from {@code now} (as shown from {@code workDir}); empty when nothing drifted. */
    public List<String> driftTo(Print now, Path workDir) {
        String name = shown(subject, workDir);
        if (!kind.equals(now.kind)) {
            return List.of(name + ": " + article(kind) + " at plan time, " + article(now.kind) + " now");
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            String then = fact.getValue();
            String current = now.facts.get(fact.getKey());
            if (!Objects.equals(then, current)) {
                lines.add(name + ": " + fact.getKey() + " " + then + " at plan time, " + current + " now");
            }
        }
        entryDrift(now).ifPresent(line -> lines.add(name + ": " + line));
        return lines;
    }

    private java.util.Optional<String> entryDrift(Print now) {
        TreeSet<String> names = new TreeSet<>(entries.keySet());
        names.addAll(now.entries.keySet());
        List<String> changed = new ArrayList<>();
        for (String entry : names) {
            String then = entries.get(entry);
            String current = now.entries.get(entry);
            if (Objects.equals(then, current)) {
                continue;
            }
            changed.add(then == null ? entry + " (new: " + current + ")" : current == null ? entry + " (gone)"
                    : entry + " (" + then + " at plan time, " + current + " now)");
        }
        if (changed.isEmpty()) {
            return java.util.Optional.empty();
        }
        String listed = String.join(", ", changed.subList(0, Math.min(NAMED, changed.size())));
        return java.util.Optional.of(changed.size() + (changed.size() == 1 ? " entry differs: " : " entries differ: ")
                + listed + (changed.size() > NAMED ? ", ..." : ""));
    }

    static String shown(Subject subject, Path workDir) {
        if (subject.type() == Subject.Type.PROCESSES) {
            return subject.path();
        }
        Path path = Path.of(subject.path());
        Path base = workDir.toAbsolutePath().normalize();
        return path.startsWith(base) && !path.equals(base) ? base.relativize(path).toString() : path.toString();
    }

    private static String article(String kind) {
        return switch (kind) {
            case "absent" -> "absent";
            case "sqlite" -> "an SQLite database";
            case "git" -> "a git repository";
            default -> "a " + kind;
        };
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("subject", subject.toMap());
        map.put("kind", kind);
        map.put("facts", facts);
        if (!entries.isEmpty()) {
            map.put("entries", entries);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    static Print fromMap(Map<String, Object> map) {
        return new Print(Subject.fromMap((Map<String, Object>) map.get("subject")), String.valueOf(map.get("kind")),
                strings(map.get("facts")), strings(map.get("entries")));
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }
}
