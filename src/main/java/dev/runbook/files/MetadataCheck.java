package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What of the recorded metadata a written tree (a backup, a restore's staging) did not get: owner
 * and group (only root can give a file away), the whole mode (setgid is cleared for a group the
 * writer is not in), hard links (one to a file of another restore unit is copied). Compared on
 * the written tree itself rather than trusted from each call, so nothing is lost without a line
 * saying so; the step lists the lines as output {@code metadata_not_kept}.
 */
public final class MetadataCheck {

    /** Enough to act on; the count says how many more. */
    private static final int SHOWN = 20;

    private MetadataCheck() {
    }

    /** {@code entries}: name (relative to root; "" for root itself) to the metadata it should have. */
    public static List<String> lost(Path root, Map<String, Entry> entries, String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Entry> item : entries.entrySet()) {
            Entry wanted = item.getValue();
            Path path = item.getKey().isEmpty() ? root : root.resolve(item.getKey());
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Ownership.Owner got = Ownership.of(path);
            String name = prefix + (item.getKey().isEmpty() ? "" : (prefix.isEmpty() ? "" : "/") + item.getKey());
            List<String> lost = new ArrayList<>();
            if (wanted.hasOwner() && (got.uid() != wanted.uid() || got.gid() != wanted.gid())) {
                lost.add("owner " + wanted.uid() + ":" + wanted.gid() + " (it is " + got.uid() + ":" + got.gid() + ")");
            }
            if (wanted.kind() != Entry.Kind.SYMLINK && wanted.mode() >= 0 && got.mode() != wanted.mode()) {
                lost.add("mode " + wanted.octalMode() + " (it is " + got.modeText() + ")");
            }
            if (wanted.isFile() && wanted.hardLinkOf().map(first -> first.startsWith("/")).orElse(false)) {
                lost.add("hard link to " + wanted.hardLinkOf().get().substring(1) + " (restored in another unit: copied)");
            }
            if (!lost.isEmpty()) {
                total++;
                if (lines.size() < SHOWN) {
                    lines.add(name + ": " + String.join(", ", lost) + " not kept");
                }
            }
        }
        if (total > SHOWN) {
            lines.add("... and " + (total - SHOWN) + " more entries");
        }
        return lines;
    }
}
