package dev.runbook.files;

import dev.runbook.values.Sizes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The human summary of a backup, like the TMWS procedure's BACKUP_MANIFEST.txt: a tree of what is
 * in it, each file with its size, each folder with how many files it holds, then the totals and
 * how to check it with coreutils alone.
 */
public final class Summary {

    private Summary() {
    }

    static String text(String title, List<Entry> entries) {
        long files = entries.stream().filter(Entry::isFile).count();
        long bytes = entries.stream().filter(Entry::isFile).mapToLong(Entry::size).sum();
        Map<String, long[]> perDir = new TreeMap<>();
        for (Entry entry : entries) {
            if (entry.isFile()) {
                String name = entry.name();
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    perDir.computeIfAbsent(name.substring(0, slash), k -> new long[1])[0]++;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(title).append("/\n");
        for (Entry entry : entries) {
            int depth = (int) entry.name().chars().filter(c -> c == '/').count();
            String leaf = entry.name().substring(entry.name().lastIndexOf('/') + 1);
            out.append("    ".repeat(depth)).append("- ").append(Escapes.escape(leaf));
            if (entry.kind() == Entry.Kind.DIR) {
                out.append("/ (").append(perDir.getOrDefault(entry.name(), new long[1])[0]).append(" files)");
            } else if (entry.kind() == Entry.Kind.SYMLINK) {
                out.append(" -> ").append(Escapes.escape(entry.linkTarget().orElse("")));
            } else {
                out.append(" (").append(Sizes.human(entry.size())).append(", ").append(entry.octalMode()).append(')');
            }
            out.append('\n');
        }
        out.append('\n').append(files).append(" files, ").append(Sizes.human(bytes)).append(" (").append(bytes)
                .append(" bytes)\n");
        out.append("Check with: sha256sum -c ").append(Manifest.SUMS).append(" (in this folder)\n");
        out.append("Metadata (sizes, modes, mtimes, symlink targets): ").append(Manifest.METADATA).append('\n');
        return out.toString();
    }
}
