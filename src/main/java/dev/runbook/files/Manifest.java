package dev.runbook.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private String metadataJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ArrayNode paths = root.putArray("paths");
        roots.forEach(paths::add);
        ArrayNode list = root.putArray("entries");
        for (Entry entry : entries) {
            ObjectNode node = list.addObject();
            node.put("path", entry.name());
            node.put("type", entry.kind().word());
            if (entry.isFile()) {
                node.put("size", entry.size());
            }
            node.put("mode", entry.octalMode());
            node.put("mtime", entry.mtime().toString());
            entry.linkTarget().ifPresent(target -> node.put("target", target));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
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
        JsonNode root;
        try {
            root = JSON.readTree(metadata.toFile());
        } catch (IOException e) {
            throw new Refusal("backup " + dir + ": " + METADATA + " is not valid JSON");
        }
        for (JsonNode node : root.path("entries")) {
            String name = EntryNames.check(node.path("path").asText());
            Entry.Kind kind = Entry.Kind.of(node.path("type").asText("file"));
            String sum = sums.remove(name);
            if (kind == Entry.Kind.FILE && sum == null) {
                throw new Refusal("backup " + dir + ": " + Escapes.quote(name) + " is in " + METADATA + " but not in "
                        + sumsFile);
            }
            entries.add(new Entry(name, kind, node.path("size").asLong(0), Integer.parseInt(node.path("mode").asText("0644"), 8),
                    Instant.parse(node.path("mtime").asText(Instant.EPOCH.toString())), Optional.ofNullable(sum),
                    Optional.ofNullable(node.get("target")).map(JsonNode::asText)));
        }
        if (!sums.isEmpty()) {
            throw new Refusal("backup " + dir + ": " + Escapes.quote(sums.keySet().iterator().next()) + " is in "
                    + sumsFile + " but not in " + METADATA);
        }
        List<String> roots = new ArrayList<>();
        for (JsonNode path : root.path("paths")) {
            roots.add(EntryNames.check(path.asText()));
        }
        return new Manifest(roots, entries);
    }
}
