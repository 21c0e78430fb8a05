package dev.runbook.yaml;

import dev.runbook.source.Location;
import dev.runbook.source.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Builds the positioned {@link Node} tree straight from snakeyaml-engine's parser events.
 *
 * <p>Composing ourselves (rather than through snakeyaml's Composer) is what lets one pass enforce
 * the safety rules: no explicit tags, no merge keys, no duplicate keys, a nesting-depth cap (the
 * Composer recurses and has none) and a budget on what aliases may expand to.
 */
public final class YamlLoader {

    static final int MAX_DEPTH = 64;
    static final int MAX_ALIASES = 100;
    static final int MAX_EXPANDED_NODES = 1_000_000;
    static final int MAX_CODE_POINTS = 32 * 1024 * 1024;
    private static final int SMALL_MAPPING = 16;

    private final String file;
    private final Problems problems;
    private final Dialect dialect;
    private final Map<String, Node> anchors = new HashMap<>();
    private ParserImpl parser;
    private int aliasCount;
    private int expandedNodes;

    private YamlLoader(String file, Problems problems, Dialect dialect) {
        this.file = file;
        this.problems = problems;
        this.dialect = dialect;
    }

    /** The document's root, or empty when the text is not usable YAML (the reason is in problems). */
    public static Optional<Node> load(String file, String text, Problems problems) {
        return new YamlLoader(file, problems, Dialect.RUNBOOK).loadDocument(text);
    }

    /** As {@link #load(String, String, Problems)}, with what this dialect allows beyond the safe core. */
    public static Optional<Node> load(String file, String text, Problems problems, Dialect dialect) {
        return new YamlLoader(file, problems, dialect).loadDocument(text);
    }

    private Optional<Node> loadDocument(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .build();
        try {
            parser = new ParserImpl(settings, new StreamReader(settings, text));
            expect(Event.ID.StreamStart);
            if (parser.checkEvent(Event.ID.StreamEnd)) {
                problems.add(Location.of(file), "the file is empty", "a runbook starts with 'format: 1'");
                return Optional.empty();
            }
            expect(Event.ID.DocumentStart);
            Node root = node(1);
            expect(Event.ID.DocumentEnd);
            if (!parser.checkEvent(Event.ID.StreamEnd)) {
                problems.add(at(parser.peekEvent().getStartMark()),
                        "a second YAML document ('---') in one runbook file",
                        "put each runbook in its own file");
            }
            return Optional.ofNullable(root);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = YamlErrors.opensUnclosed(e) || e.getProblemMark().isEmpty()
                    ? e.getContextMark() : e.getProblemMark();
            problems.add(at(mark), "invalid YAML: " + YamlErrors.describe(e), YamlErrors.hint(e));
        } catch (YamlEngineException e) {
            problems.add(Location.of(file), "invalid YAML: " + e.getMessage());
        } catch (TooDeep e) {
            problems.add(e.location, "YAML nested deeper than " + MAX_DEPTH + " levels",
                    "a runbook never needs this much nesting");
        } catch (AliasBudget e) {
            problems.add(e.location, e.getMessage(), e.hint);
        }
        return Optional.empty();
    }

    /** A value whose tag was refused: reported once, then left out of its mapping or list. */
    private final java.util.Set<Node> refused = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private Node node(int depth) {
        Event event = parser.next();
        if (event instanceof AliasEvent alias) {
            return alias(alias);
        }
        Location location = at(event.getStartMark());
        boolean tagged = refuseExplicitTag(event, location);
        Node built;
        if (event instanceof ScalarEvent scalar) {
            built = new Scalar(scalar.getValue(), style(scalar), location);
        } else if (event instanceof CollectionStartEvent start) {
            if (depth > MAX_DEPTH) {
                throw new TooDeep(location);
            }
            if (start.getEventId() == Event.ID.MappingStart) {
                built = mapping(location, depth);
            } else {
                built = sequence(location, depth);
            }
        } else {
            throw new IllegalStateException("unexpected YAML event " + event.getEventId());
        }
        ((NodeEvent) event).getAnchor().ifPresent(anchor -> anchors.put(anchor.getValue(), built));
        if (tagged) {
            refused.add(built);
        }
        return built;
    }

    private static Scalar.Style style(ScalarEvent scalar) {
        if (scalar.isPlain()) {
            return Scalar.Style.PLAIN;
        }
        if (scalar.isSQuoted()) {
            return Scalar.Style.SINGLE_QUOTED;
        }
        return scalar.isDQuoted() ? Scalar.Style.DOUBLE_QUOTED : Scalar.Style.BLOCK;
    }

    private Node alias(AliasEvent alias) {
        Location location = at(alias.getStartMark());
        Node target = anchors.get(alias.getAlias().getValue());
        if (target == null) {
            throw new AliasBudget(location, "alias '*" + alias.getAlias().getValue() + "' names no anchor",
                    "define it first with &" + alias.getAlias().getValue() + " on the value it stands for");
        }
        aliasCount++;
        expandedNodes += size(target, MAX_EXPANDED_NODES - expandedNodes + 1);
        if (aliasCount > MAX_ALIASES || expandedNodes > MAX_EXPANDED_NODES) {
            throw new AliasBudget(location, "too many aliases (at most " + MAX_ALIASES
                    + ", expanding to at most " + MAX_EXPANDED_NODES + " values)",
                    "write the values out instead of repeating aliases");
        }
        return target;
    }

    private Mapping mapping(Location location, int depth) {
        List<Mapping.Entry> entries = new ArrayList<>();
        List<Node> merges = new ArrayList<>();
        Map<String, Location> seen = null;
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Node key = node(depth + 1);
            Node value = node(depth + 1);
            if (!refused.isEmpty() && (refused.contains(key) || refused.contains(value))) {
                continue;
            }
            if (!(key instanceof Scalar scalarKey)) {
                problems.add(key.location(), "a mapping key must be a plain string, not " + key.kind());
                continue;
            }
            if (scalarKey.plain() && scalarKey.text().equals("<<")) {
                if (dialect.mergeKeys()) {
                    merges.add(value);
                } else {
                    problems.add(key.location(), "merge keys ('<<') are not supported",
                            "write the keys out; anchors may still name whole values");
                }
                continue;
            }
            if (seen == null && entries.size() >= SMALL_MAPPING) {
                seen = new HashMap<>();
                for (Mapping.Entry entry : entries) {
                    seen.put(entry.name(), entry.key().location());
                }
            }
            Location first = seen != null ? seen.putIfAbsent(scalarKey.text(), key.location())
                    : firstWithKey(entries, scalarKey.text());
            if (first != null && dialect.lastDuplicateWins()) {
                problems.warn(key.location(), "duplicate key '" + scalarKey.text() + "' (first at line "
                        + first.line() + "): this later value is used, as Ansible uses it", "remove one of them");
                entries.removeIf(entry -> entry.name().equals(scalarKey.text()));
                if (seen != null) {
                    seen.put(scalarKey.text(), key.location());
                }
            } else if (first != null) {
                problems.add(key.location(), "duplicate key '" + scalarKey.text()
                        + "' (first at line " + first.line() + ")", "remove one of them");
                continue;
            }
            entries.add(new Mapping.Entry(scalarKey, value));
        }
        parser.next();
        merges.forEach(merge -> merge(merge, entries));
        return new Mapping(entries, location);
    }

    /**
     * YAML 1.1's merge key: the keys of a mapping (or of each of a list of mappings, earlier ones
     * first) that the mapping does not have itself. Aliases were counted where they were read.
     */
    private void merge(Node merged, List<Mapping.Entry> entries) {
        List<Node> sources = merged instanceof Sequence list ? list.items() : List.of(merged);
        java.util.Set<String> present = new java.util.HashSet<>();
        entries.forEach(entry -> present.add(entry.name()));
        for (Node source : sources) {
            if (!(source instanceof Mapping mapping)) {
                problems.add(source.location(), "a merge key ('<<') takes a mapping or a list of mappings, not "
                        + source.kind(), "name a mapping's anchor: <<: *defaults");
                continue;
            }
            for (Mapping.Entry entry : mapping.entries()) {
                if (present.add(entry.name())) {
                    entries.add(entry);
                }
            }
        }
    }

    /**
     * Where a key was first seen. A scan rather than a hash map per mapping: runbook mappings are
     * small (a step has a dozen keys) and a 10,000-step file has tens of thousands of them; past
     * {@link #SMALL_MAPPING} keys the caller switches to a map, so a huge mapping stays linear.
     */
    private static Location firstWithKey(List<Mapping.Entry> entries, String key) {
        for (Mapping.Entry entry : entries) {
            if (entry.name().equals(key)) {
                return entry.key().location();
            }
        }
        return null;
    }

    private Sequence sequence(Location location, int depth) {
        List<Node> items = new ArrayList<>();
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            Node item = node(depth + 1);
            if (refused.isEmpty() || !refused.contains(item)) {
                items.add(item);
            }
        }
        parser.next();
        return new Sequence(items, location);
    }

    /** Values in a subtree, counting repeats through aliases; stops counting past {@code limit}. */
    private static int size(Node node, int limit) {
        int total = 1;
        if (node instanceof Mapping mapping) {
            for (Mapping.Entry entry : mapping.entries()) {
                total += 1 + size(entry.value(), limit - total);
                if (total > limit) {
                    return total;
                }
            }
        } else if (node instanceof Sequence sequence) {
            for (Node item : sequence.items()) {
                total += size(item, limit - total);
                if (total > limit) {
                    return total;
                }
            }
        }
        return total;
    }

    private boolean refuseExplicitTag(Event event, Location location) {
        Optional<String> tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                : ((CollectionStartEvent) event).getTag();
        if (tag.isPresent() && event instanceof ScalarEvent && dialect.keptTags().contains(tag.get())) {
            return false;
        }
        if (tag.isPresent()) {
            problems.add(location, "YAML tags are not allowed (found '" + shortTag(tag.get()) + "')",
                    "remove the tag; quote the value if it must stay a string");
        }
        return tag.isPresent();
    }

    private static String shortTag(String tag) {
        return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : tag;
    }

    private void expect(Event.ID id) {
        Event event = parser.next();
        if (event.getEventId() != id) {
            throw new IllegalStateException("expected " + id + " but parser gave " + event.getEventId());
        }
    }

    private Location at(Optional<Mark> mark) {
        return mark.map(m -> new Location(file, m.getLine() + 1, m.getColumn() + 1)).orElse(Location.of(file));
    }

    private static final class TooDeep extends RuntimeException {
        final transient Location location;

        TooDeep(Location location) {
            super(null, null, false, false);
            this.location = location;
        }
    }

    private static final class AliasBudget extends RuntimeException {
        final transient Location location;
        final String hint;

        AliasBudget(Location location, String message, String hint) {
            super(message, null, false, false);
            this.location = location;
            this.hint = hint;
        }
    }
}
