package dev.runbook.files;

import dev.runbook.json.PlainJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The restore's commit record, written (fsynced) into its staging folder once everything is staged
 * and before the first rename. Its presence decides recovery after a crash: without it the target
 * was never touched and the staging is thrown away; with it the swap is completed.
 */
record Intent(List<Swap> swaps) {

    static final String FILE = "intent.json";

    /**
     * Unit i: staged at stage/i, the current one moved to old/i, then kept at keepAs. stagedKey is
     * the staged entry's file key (device and inode): after a crash it tells whether an exchange
     * already put the staged entry in place (the target is then that inode, and stage/i holds
     * the previous content).
     */
    record Swap(int index, Path target, Path keepAs, boolean wholeFileLink, String stagedKey) {
    }

    void write(Path txDir) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Swap swap : swaps) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("index", swap.index());
            node.put("target", swap.target().toAbsolutePath().toString());
            node.put("keep_as", swap.keepAs().toAbsolutePath().toString());
            node.put("file_link", swap.wholeFileLink());
            node.put("staged_key", swap.stagedKey());
            list.add(node);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", 1);
        root.put("swaps", list);
        Durable.writeString(txDir.resolve(FILE), PlainJson.write(root));
    }

    static Optional<Intent> read(Path txDir) throws IOException {
        Path file = txDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<Swap> swaps = new ArrayList<>();
        Map<?, ?> root = (Map<?, ?>) PlainJson.read(Files.readString(file));
        for (Object item : (List<?>) root.get("swaps")) {
            Map<?, ?> node = (Map<?, ?>) item;
            swaps.add(new Swap(((Number) node.get("index")).intValue(), Path.of((String) node.get("target")),
                    Path.of((String) node.get("keep_as")), Boolean.TRUE.equals(node.get("file_link")),
                    node.get("staged_key") instanceof String key ? key : ""));
        }
        return Optional.of(new Intent(swaps));
    }
}
