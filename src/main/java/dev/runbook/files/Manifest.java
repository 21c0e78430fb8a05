package dev.runbook.files;

import dev.runbook.json.PlainJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A backup's record of itself, in three files at its top: {@code SHA256SUMS} (checksums of regular
 * files, for {@code sha256sum -c}), {@code METADATA.json} (every entry's kind, size, mode, mtime and
 * link target: what sha256sum cannot hold) and {@code BACKUP_MANIFEST.txt} (for people).
 */
public record Manifest(List<String> roots, List<Entry> entries) {

    public static final String SUMS = "SHA256SUMS";
    public static final String METADATA = "METADATA.json";
    public static final String SUMMARY = "BACKUP_MANIFEST.txt";
    public static final Set<String> OWN_FILES = Set.of(SUMS, METADATA, SUMMARY);

    /** roots: the paths selected when the backup was made (a restore's default); empty when unknown. */
    public Manifest {
        roots = List.copyOf(roots);
        entries = List.copyOf(entries);
    }

    /** What a restore puts back by default: the selected roots, or every top-level entry. */
    public List<String> restoreRoots() {
        if (!roots.isEmpty()) {
            return roots;
        }
        return entries.stream().map(e -> e.name().contains("/") ? e.name().substring(0, e.name().indexOf('/')) : e.name())
                .distinct().toList();
    }

    public Map<String, String> sums() {
        Map<String, String> sums = new LinkedHashMap<>();
        entries.stream().filter(Entry::isFile).forEach(e -> sums.put(e.name(), e.sha256().orElseThrow()));
        return sums;
    }

    public Map<String, Entry> byName() {
        Map<String, Entry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.name(), e));
        return byName;
    }

    /** Writes the three files into dir, each fsynced. */
    public void write(Path dir, String title) throws IOException {
        Sha256Sums.write(dir.resolve(SUMS), sums());
        Durable.writeString(dir.resolve(METADATA), metadataJson());
        Durable.writeString(dir.resolve(SUMMARY), Summary.text(title, entries));
    }

    private String metadataJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", 1);
        root.put("paths", roots);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("path", entry.name());
            node.put("type", entry.kind().word());
            if (entry.isFile()) {
                node.put("size", entry.size());
            }
            node.put("mode", entry.octalMode());
            node.put("mtime", entry.mtime().toString());
            entry.linkTarget().ifPresent(target -> node.put("target", target));
            if (entry.hasOwner()) {
                node.put("uid", entry.uid());
                node.put("gid", entry.gid());
            }
            entry.hardLinkOf().ifPresent(first -> node.put("hard_link_of", first));
            list.add(node);
        }
        root.put("entries", list);
        return PlainJson.writePretty(root) + "\n";
    }

    /**
     * Reads a backup's manifest: the named checksum file (required), and METADATA.json when present
     * (a hand-made backup may have only checksums). Every name is checked before it is used.
     */
    public static Manifest read(Path dir, String sumsFile) throws IOException, Refusal {
        Path sumsPath = dir.resolve(sumsFile);
        if (!Files.isRegularFile(sumsPath)) {
            throw new Refusal("backup " + dir + " has no manifest " + sumsFile);
        }
        Map<String, String> sums = Sha256Sums.read(sumsPath);
        // A list made in the backup folder (find . -type f | xargs sha256sum > SHA256SUMS) lists itself,
        // hashed while it was being written: no list can hold its own checksum, so that line is not used.
        sums.remove(EntryNames.normalise(sumsFile));
        for (String name : sums.keySet()) {
            EntryNames.check(name);
        }
        Path metadata = dir.resolve(METADATA);
        List<Entry> entries = new ArrayList<>();
        if (!Files.isRegularFile(metadata)) {
            sums.forEach((name, sum) -> entries.add(new Entry(name, Entry.Kind.FILE, -1, -1, Instant.EPOCH,
                    Optional.of(sum), Optional.empty())));
            return new Manifest(List.of(), entries);
        }
        Map<?, ?> root;
        try {
            root = PlainJson.read(Files.readString(metadata)) instanceof Map<?, ?> map ? map : null;
        } catch (IOException e) {
            root = null;
        }
        if (root == null) {
            throw new Refusal("backup " + dir + ": " + METADATA + " is not valid JSON");
        }
        for (Object item : list(root.get("entries"))) {
            Map<?, ?> node = item instanceof Map<?, ?> map ? map : Map.of();
            String name = EntryNames.check(EntryNames.normalise(text(node, "path", "")));
            Entry.Kind kind = Entry.Kind.of(text(node, "type", "file"));
            String sum = sums.remove(name);
            if (kind == Entry.Kind.FILE && sum == null) {
                throw new Refusal("backup " + dir + ": " + Escapes.quote(name) + " is in " + METADATA + " but not in "
                        + sumsFile);
            }
            long size = node.get("size") instanceof Number number ? number.longValue() : 0;
            entries.add(new Entry(name, kind, size, Integer.parseInt(text(node, "mode", "0644"), 8),
                    Timestamps.parse(text(node, "mtime", "1970-01-01T00:00:00Z")), Optional.ofNullable(sum),
                    Optional.ofNullable(node.get("target")).map(String::valueOf),
                    node.get("uid") instanceof Number uid ? uid.intValue() : -1,
                    node.get("gid") instanceof Number gid ? gid.intValue() : -1,
                    Optional.ofNullable(node.get("hard_link_of")).map(String::valueOf)));
        }
        if (!sums.isEmpty()) {
            throw new Refusal("backup " + dir + ": " + Escapes.quote(sums.keySet().iterator().next()) + " is in "
                    + sumsFile + " but not in " + METADATA);
        }
        List<String> roots = new ArrayList<>();
        for (Object path : list(root.get("paths"))) {
            roots.add(EntryNames.check(String.valueOf(path)));
        }
        return new Manifest(roots, entries);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> items ? items : List.of();
    }

    private static String text(Map<?, ?> node, String key, String fallback) {
        Object value = node.get(key);
        return value == null ? fallback : String.valueOf(value);
    }
}
