package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a backup holds, as a verify or restore knows it: from its checksum list (named by the runbook,
 * or found by {@link ChecksumLists}), or, when the runbook turned checksums off, from the backup's
 * own files: then names, kinds, counts and sizes can be checked, bytes cannot, and every output says so.
 */
public record BackupIndex(Manifest manifest, Optional<String> checksumList, boolean found) {

    /** The words every output of a run without checksums carries. */
    public static final String NOT_VERIFIED = "checksums not verified";

    public static BackupIndex open(Path dir, Optional<String> named, boolean checksums) throws IOException, Refusal {
        if (!Files.isDirectory(dir)) {
            throw new Refusal("backup " + dir + " is not a folder");
        }
        if (!checksums) {
            return new BackupIndex(listing(dir), Optional.empty(), false);
        }
        if (named.isPresent()) {
            return new BackupIndex(Manifest.read(dir, named.get()), named, false);
        }
        String list = ChecksumLists.find(dir).orElseThrow(() -> missing(dir));
        return new BackupIndex(Manifest.read(dir, list), Optional.of(list), true);
    }

    /** A backup found from a path in it: its top, the path's name inside it ("" for the top), its index. */
    public record Located(Path backup, String prefix, BackupIndex index) {
    }

    /**
     * The backup that from is, or is a folder of (BACKUP/config is restored with the checksum list of
     * the backup above it, up to three folders up). Without checksums, from itself.
     */
    public static Located locate(Path from, Optional<String> named, boolean checksums) throws IOException, Refusal {
        Path backup = from;
        String prefix = "";
        for (int up = 0; checksums && !hasList(backup, named); up++) {
            if (up == 3 || backup.getParent() == null) {
                if (named.isPresent()) {
                    throw new Refusal("backup " + from + " has no manifest " + named.get() + " (nor do the 3 folders above it)");
                }
                throw ChecksumLists.missing(from);
            }
            prefix = backup.getFileName() + (prefix.isEmpty() ? "" : "/" + prefix);
            backup = backup.getParent();
        }
        return new Located(backup, prefix, open(backup, named, checksums));
    }

    /** Whether folder holds the named checksum list, or, with none named, one that can be found. */
    private static boolean hasList(Path folder, Optional<String> named) throws IOException, Refusal {
        return named.isPresent() ? Files.isRegularFile(folder.resolve(named.get()))
                : Files.isDirectory(folder) && ChecksumLists.find(folder).isPresent();
    }

    public boolean checksumsVerified() {
        return checksumList.isPresent();
    }

    /** One line for the console, the journal's outputs and the report: which list, or none. */
    public String describe() {
        return checksumList.map(list -> "checksums from " + list + (found ? " (found in the backup; no manifest was given)" : ""))
                .orElse(NOT_VERIFIED + " (checksums: none): only the listing, counts and sizes were checked");
    }

    /** The value of the outputs' manifest: the list used, or empty. */
    public String manifestName() {
        return checksumList.orElse("");
    }

    private static Refusal missing(Path dir) {
        try {
            return ChecksumLists.missing(dir);
        } catch (IOException e) {
            return new Refusal("backup " + dir + " has no checksum list (" + e.getMessage() + ")");
        }
    }

    /** The backup's own entries (not the files a backup keeps about itself), without checksums. */
    private static Manifest listing(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Entry entry : Trees.scan(dir, "", name -> false)) {
            if (!entry.name().isEmpty() && !Manifest.OWN_FILES.contains(entry.name())) {
                entries.add(entry);
            }
        }
        return new Manifest(List.of(), entries);
    }

}
