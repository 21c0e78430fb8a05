package dev.runbook.files;

import dev.runbook.values.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a new backup folder: the selection copied with its metadata into a private folder beside
 * the final name, the manifest written, everything fsynced, then renamed to the final name in one
 * step, so a backup folder under its final name is always complete. An existing folder of that name
 * is never touched.
 */
public final class BackupWriter {

    /** A file produced by a command (its standard output), saved at the backup's top. */
    public interface Producer {
        void writeTo(Path file) throws IOException;
    }

    private BackupWriter() {
    }

    /** The folder a backup named name in dir will be, refused when it exists already. */
    public static Path destination(Path dir, String name) throws Refusal {
        if (name.isEmpty() || name.contains("/") || name.startsWith(".") || name.indexOf('\0') >= 0) {
            throw new Refusal("backup name " + Escapes.quote(name) + " must be a plain folder name");
        }
        Path target = dir.resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refusal("backup " + target + " already exists; a backup is never overwritten (choose another name)");
        }
        return target;
    }

    /** The backup's manifest, and the metadata it could not keep (see {@link MetadataCheck}). */
    public record Written(Manifest manifest, List<String> notKept) {
    }

    /** Writes the backup; returns its manifest. */
    public static Manifest write(Path root, Selection selection, Path dir, String name, Map<String, Producer> produced)
            throws IOException, Refusal {
        return writeReporting(root, selection, dir, name, produced).manifest();
    }

    /**
     * Writes the backup; returns its manifest and what metadata could not be kept. Refused first
     * when the files do not fit: counted at their full (apparent) size, since a sparse file's holes
     * are written out as zeros (Java cannot find holes), and hard links once.
     */
    public static Written writeReporting(Path root, Selection selection, Path dir, String name,
                                         Map<String, Producer> produced) throws IOException, Refusal {
        Path target = destination(dir, name);
        Files.createDirectories(dir);
        removeAbandoned(dir);
        long needed = selection.entries().stream().filter(e -> e.isFile() && e.hardLinkOf().isEmpty())
                .mapToLong(Entry::size).sum();
        long free = Files.getFileStore(dir).getUsableSpace();
        if (needed > free) {
            throw new Refusal("not enough free space for the backup in " + dir + ": needs " + Sizes.human(needed)
                    + " (sparse files count at their full size: they are written out whole), " + Sizes.human(free)
                    + " free");
        }
        Path partial = dir.resolve("." + name + ".partial-" + ProcessHandle.current().pid());
        Durable.deleteTree(partial);
        Durable.createPrivateDirectory(partial);
        try {
            List<Entry> entries = copy(root, selection, partial);
            for (Map.Entry<String, Producer> output : produced.entrySet()) {
                String file = EntryNames.check(output.getKey());
                Path path = partial.resolve(file);
                List<String> made = parents(partial, file);
                output.getValue().writeTo(path);
                Durable.fsync(path);
                for (String folder : made) {
                    Durable.fsync(partial.resolve(folder));
                    entries.add(Trees.stat(partial.resolve(folder), folder).orElseThrow());
                }
                entries.add(Trees.stat(path, file).orElseThrow().withSha256(Sha256.of(path)));
            }
            Map<String, Entry> wanted = new java.util.LinkedHashMap<>();
            selection.entries().forEach(e -> wanted.put(e.name(), e));
            List<String> notKept = MetadataCheck.lost(partial, wanted, "");
            Manifest manifest = new Manifest(selection.roots(), entries);
            manifest.write(partial, name);
            Durable.fsync(partial);
            destination(dir, name);
            Durable.rename(partial, target);
            Durable.fsync(dir);
            return new Written(manifest, notKept);
        } catch (IOException | Refusal | RuntimeException e) {
            Durable.deleteTree(partial);
            throw e;
        }
    }

    /** Creates the folders a produced file needs (a snapshot at data/tmws.db); their names, outermost first. */
    private static List<String> parents(Path partial, String file) throws IOException, Refusal {
        List<String> made = new ArrayList<>();
        String[] parts = file.split("/");
        StringBuilder folder = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            folder.append(i == 0 ? "" : "/").append(parts[i]);
            Path path = partial.resolve(folder.toString());
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(path);
                made.add(folder.toString());
            } else if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refusal("cannot save " + Escapes.quote(file) + " in the backup: " + Escapes.quote(
                        folder.toString()) + " is not a folder there");
            }
        }
        return made;
    }

    /**
     * Deletes the partial folders of backups whose writer died (killed mid-copy: its pid is gone).
     * They were never renamed to a backup's name, so nothing refers to them. A partial folder whose
     * pid is alive (another run writing a backup now, or a reused pid) is left alone.
     */
    static List<Path> removeAbandoned(Path dir) throws IOException {
        List<Path> removed = new ArrayList<>();
        try (var children = Files.newDirectoryStream(dir, ".*.partial-*")) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                String pid = name.substring(name.lastIndexOf(".partial-") + ".partial-".length());
                if (pid.matches("[0-9]{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()
                        && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    Durable.deleteTree(child);
                    removed.add(child);
                }
            }
        }
        if (!removed.isEmpty()) {
            Durable.fsync(dir);
        }
        return removed;
    }

    private static List<Entry> copy(Path root, Selection selection, Path into) throws IOException {
        List<Copier.Job> jobs = new ArrayList<>();
        List<Entry> dirs = new ArrayList<>();
        List<Entry> hardLinks = new ArrayList<>();
        for (Entry entry : selection.entries()) {
            Path target = into.resolve(entry.name());
            Files.createDirectories(target.getParent());
            switch (entry.kind()) {
                case DIR -> {
                    Files.createDirectory(target);
                    dirs.add(entry);
                }
                case SYMLINK -> Copier.makeLink(target, entry);
                case FILE -> {
                    if (entry.hardLinkOf().isPresent()) {
                        hardLinks.add(entry); // the same file under a second name: linked, not copied twice
                    } else {
                        jobs.add(new Copier.Job(root.resolve(entry.name()), target, entry));
                    }
                }
            }
        }
        Map<String, String> sums = new java.util.HashMap<>(Copier.copyAll(jobs));
        for (Entry link : hardLinks) {
            String first = link.hardLinkOf().orElseThrow();
            Files.createLink(into.resolve(link.name()), into.resolve(first));
            sums.put(link.name(), sums.get(first));
        }
        List<Path> finished = new ArrayList<>(jobs.stream().map(Copier.Job::target).toList());
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Copier.finishDir(into.resolve(dirs.get(i).name()), dirs.get(i));
            finished.add(into.resolve(dirs.get(i).name()));
        }
        Durable.syncAll(into, finished);
        List<Entry> entries = new ArrayList<>();
        for (Entry entry : selection.entries()) {
            entries.add(entry.isFile() ? entry.withSha256(sums.get(entry.name())) : entry);
        }
        return entries;
    }
}
