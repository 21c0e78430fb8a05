package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** A tree as comparable text per entry: kind, mode, mtime (files) and checksum or link target. */
final class Trees4Test {

    private Trees4Test() {
    }

    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> snapshot = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return snapshot;
        }
        for (Entry entry : Trees.scan(root, "", name -> false)) {
            Path path = entry.name().isEmpty() ? root : root.resolve(entry.name());
            snapshot.put(entry.name(), switch (entry.kind()) {
                case DIR -> "dir " + entry.octalMode();
                case SYMLINK -> "link -> " + entry.linkTarget().orElseThrow();
                case FILE -> "file " + entry.octalMode() + " " + entry.mtime().toEpochMilli() + " " + Sha256.of(path);
            });
        }
        return snapshot;
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
