package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a backup's checksum list when the runbook does not name it: {@code SHA256SUMS}, else the one
 * {@code *.sha256} or {@code *.sha256sum} file, else the one file at the backup's top whose lines are
 * all checksum lines. A listing for people (a BACKUP_MANIFEST.txt to cat) has other lines, so it is
 * never taken; two candidates of the same rank are a refusal, not a guess.
 */
public final class ChecksumLists {

    private ChecksumLists() {
    }

    /** The checksum list at the top of folder, by name; empty when it has none. */
    public static Optional<String> find(Path folder) throws IOException, Refusal {
        if (Files.isRegularFile(folder.resolve(Manifest.SUMS), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(Manifest.SUMS);
        }
        List<String> files = topFiles(folder);
        List<String> named = files.stream().filter(ChecksumLists::hasChecksumSuffix).toList();
        if (!named.isEmpty()) {
            return Optional.of(one(folder, named, "named like a checksum list"));
        }
        List<String> parsed = new ArrayList<>();
        for (String name : files) {
            if (Sha256Sums.isChecksumList(folder.resolve(name))) {
                parsed.add(name);
            }
        }
        return parsed.isEmpty() ? Optional.empty() : Optional.of(one(folder, parsed, "whose lines are all checksum lines"));
    }

    /** Why folder has no checksum list, with what it holds and what to do. */
    public static Refusal missing(Path folder) throws IOException {
        List<String> files = topFiles(folder);
        String found = files.isEmpty() ? "no files at its top"
                : "at its top " + String.join(", ", files.subList(0, Math.min(8, files.size())).stream()
                .map(Escapes::quote).toList()) + (files.size() > 8 ? " and " + (files.size() - 8) + " more" : "")
                + (files.size() == 1 ? ", which is not" : ", none of which is") + " a checksum list";
        return new Refusal("backup " + folder + " has no checksum list: looked for " + Manifest.SUMS
                + ", *.sha256, *.sha256sum and files of sha256sum lines, found " + found
                + "; hint: write one in the backup folder (find . -type f ! -name SHA256SUMS -print0 | xargs -0 "
                + "sha256sum > SHA256SUMS), name yours with manifest:, or check without checksums with checksums: none");
    }

    private static String one(Path folder, List<String> candidates, String how) throws Refusal {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        throw new Refusal("backup " + folder + " has " + candidates.size() + " files " + how + " ("
                + String.join(", ", candidates.stream().map(Escapes::quote).toList())
                + "); hint: name the checksum list with manifest:");
    }

    private static boolean hasChecksumSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".sha256") || lower.endsWith(".sha256sum") || lower.endsWith(".sha256sums");
    }

    private static List<String> topFiles(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
