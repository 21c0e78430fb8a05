package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves replaced content to where it is kept (keep_current_as, or the run's forensics folder):
 * a rename when both are on one filesystem, otherwise a copy with metadata that is fsynced before
 * the original is deleted. This is not the atomic part of a restore: the target is already done.
 */
public final class Keeping {

    private Keeping() {
    }

    public static void move(Path from, Path to) throws IOException, Refusal {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refusal("cannot keep the previous content as " + to + ": something is already there");
        }
        Durable.createDirectories(to.toAbsolutePath().getParent());
        if (Durable.sameFileSystem(from, to.toAbsolutePath().getParent())) {
            Durable.rename(from, to);
            Durable.fsync(to.toAbsolutePath().getParent());
            return;
        }
        copyTree(from, to);
        Durable.deleteTree(from);
    }

    /** A copy of a tree with modes, mtimes and links as they are. */
    public static void copyTree(Path from, Path to) throws IOException {
        List<Entry> entries = Trees.scan(from, "", name -> false);
        List<Copier.Job> jobs = new ArrayList<>();
        List<Entry> dirs = new ArrayList<>();
        for (Entry entry : entries) {
            Path source = entry.name().isEmpty() ? from : from.resolve(entry.name());
            Path target = entry.name().isEmpty() ? to : to.resolve(entry.name());
            switch (entry.kind()) {
                case DIR -> {
                    Files.createDirectory(target);
                    dirs.add(entry);
                }
                case SYMLINK -> Copier.makeLink(target, entry);
                case FILE -> jobs.add(new Copier.Job(source, target, entry));
            }
        }
        Copier.copyAll(jobs);
        List<Path> finished = new ArrayList<>(jobs.stream().map(Copier.Job::target).toList());
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Entry dir = dirs.get(i);
            Path path = dir.name().isEmpty() ? to : to.resolve(dir.name());
            Copier.finishDir(path, dir);
            finished.add(path);
        }
        Durable.syncAll(to, finished);
        Durable.fsync(to.toAbsolutePath().getParent());
    }

    /** A name under dir not taken yet: name, name-2, name-3... */
    public static Path unused(Path dir, String name) {
        Path candidate = dir.resolve(name);
        for (int i = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); i++) {
            candidate = dir.resolve(name + "-" + i);
        }
        return candidate;
    }
}
