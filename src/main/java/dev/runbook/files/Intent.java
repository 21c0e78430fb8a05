package dev.runbook.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The restore's commit record, written (fsynced) into its staging folder once everything is staged
 * and before the first rename. Its presence decides recovery after a crash: without it the target
 * was never touched and the staging is thrown away; with it the swap is completed.
 */
record Intent(List<Swap> swaps) {

    static final String FILE = "intent.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Unit i: staged at stage/i, the current one moved to old/i, then kept at keepAs. stagedKey is
     * the staged entry's file key (device and inode): after a crash it tells whether an exchange
     * already put the staged entry in place (the target is then that inode, and stage/i holds
     * the previous content).
     */
    record Swap(int index, Path target, Path keepAs, boolean wholeFileLink, String stagedKey) {
    }

    void write(Path txDir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ArrayNode list = root.putArray("swaps");
        for (Swap swap : swaps) {
            ObjectNode node = list.addObject();
            node.put("index", swap.index());
            node.put("target", swap.target().toAbsolutePath().toString());
            node.put("keep_as", swap.keepAs().toAbsolutePath().toString());
            node.put("file_link", swap.wholeFileLink());
            node.put("staged_key", swap.stagedKey());
        }
        Durable.writeString(txDir.resolve(FILE), JSON.writeValueAsString(root));
    }

    static Optional<Intent> read(Path txDir) throws IOException {
        Path file = txDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<Swap> swaps = new ArrayList<>();
        for (JsonNode node : JSON.readTree(file.toFile()).path("swaps")) {
            swaps.add(new Swap(node.path("index").asInt(), Path.of(node.path("target").asText()),
                    Path.of(node.path("keep_as").asText()), node.path("file_link").asBoolean(),
                    node.path("staged_key").asText("")));
        }
        return Optional.of(new Intent(swaps));
    }
}
