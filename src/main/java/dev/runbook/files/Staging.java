package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a unit's planned tree in the staging folder: folders first (private while filling), files
 * copied with their metadata on a few threads, links made as links, folders given their own mode
 * and mtime last. A source file whose bytes do not match its expected checksum stops the restore
 * here, before anything in the target is renamed: the checksum is of the bytes as they were
 * written into the staged file, so a staged file that passes holds exactly the manifest's content.
 */
final class Staging {

    private Staging() {
    }

    /**
     * What was staged: for verification, each entry's identity by relative name (for a file: the
     * staged file itself, see {@link Verification#identity}); and the files hard-linked to files
     * already on disk instead of copied, with their bytes.
     */
    record Result(Map<String, String> identities, Restorer.Linked linked, List<String> notKept) {
    }

    /** Stages plan into root, linking files that reuse finds instead of copying them. */
    static Result stage(UnitPlan plan, Path root, Reuse reuse) throws IOException, Refusal {
        List<Copier.Job> jobs = new ArrayList<>();
        List<UnitPlan.Node> dirs = new ArrayList<>();
        Map<String, UnitPlan.Node> fromSource = new java.util.HashMap<>();
        List<UnitPlan.Node> hardLinks = new ArrayList<>();
        for (UnitPlan.Node node : plan.tree()) {
            if (node.entry().isFile() && node.fromSource()) {
                fromSource.put(node.relative(), node);
            }
        }
        for (UnitPlan.Node node : plan.tree()) {
            Path target = node.relative().isEmpty() ? root : root.resolve(node.relative());
            Entry entry = node.entry().renamed(node.relative());
            switch (entry.kind()) {
                case DIR -> {
                    Durable.createPrivateDirectory(target);
                    dirs.add(node);
                }
                case SYMLINK -> Copier.makeLink(target, withMetadata(entry, node));
                case FILE -> {
                    Entry resolved = withMetadata(entry, node);
                    if (node.fromSource() && entry.hardLinkOf().map(fromSource::containsKey).orElse(false)) {
                        hardLinks.add(node); // one file with two names, as in the backup: linked below
                        continue;
                    }
                    jobs.add(new Copier.Job(node.from(), target, resolved, candidate(plan, node, resolved, reuse),
                            node.sha256()));
                }
            }
        }
        Copier.Staged staged = Copier.stageAll(jobs);
        Map<String, String> sums = new java.util.HashMap<>(staged.sums());
        for (UnitPlan.Node node : hardLinks) {
            String first = node.entry().hardLinkOf().orElseThrow();
            Files.createLink(root.resolve(node.relative()), root.resolve(first));
            sums.put(node.relative(), sums.get(first));
        }
        List<String> mismatches = new ArrayList<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (UnitPlan.Node node : plan.tree()) {
            String identity = identity(node.entry());
            if (node.entry().isFile()) {
                String actual = sums.get(node.relative());
                if (node.fromSource() && node.sha256() != null && !node.sha256().equals(actual)) {
                    mismatches.add(Escapes.quote(plan.unit().fullName(node.relative())));
                }
                Path stagedFile = node.relative().isEmpty() ? root : root.resolve(node.relative());
                identity = Verification.identity(stagedFile);
                // The checksum is of the bytes as written; a file changed since (truncated, rewritten by another
                // process) would otherwise be verified against its changed self after the swap.
                if (node.fromSource() && actual != null && node.entry().size() >= 0
                        && Files.size(stagedFile) != node.entry().size()) {
                    mismatches.add(Escapes.quote(plan.unit().fullName(node.relative())) + " (changed in the staging "
                            + "after it was written: " + Files.size(stagedFile) + " bytes, expected " + node.entry().size()
                            + ")");
                }
            }
            expected.put(node.relative(), identity);
        }
        if (!mismatches.isEmpty()) {
            throw new Refusal("checksum mismatch: " + String.join(", ", mismatches) + " in " + plan.unit().source()
                    + " differ from the manifest; nothing in the target was changed");
        }
        List<Path> finished = new ArrayList<>(jobs.stream().map(Copier.Job::target).toList());
        for (int i = dirs.size() - 1; i >= 0; i--) {
            UnitPlan.Node node = dirs.get(i);
            Path dir = node.relative().isEmpty() ? root : root.resolve(node.relative());
            Copier.finishDir(dir, withMetadata(node.entry(), node));
            finished.add(dir);
        }
        Durable.syncAll(root, finished);
        Map<String, Entry> wanted = new LinkedHashMap<>();
        for (UnitPlan.Node node : plan.tree()) {
            wanted.put(node.relative(), withMetadata(node.entry(), node));
        }
        return new Result(expected, staged.linked(), MetadataCheck.lost(root, wanted, plan.unit().name()));
    }

    /**
     * A file already on disk to link for a file from the source, or null: copy it. Never for a
     * preserved or kept file: its bytes are in no backup, so its kept copy must stay its own.
     */
    private static Path candidate(UnitPlan plan, UnitPlan.Node node, Entry resolved, Reuse reuse) throws IOException {
        if (!node.fromSource() || node.sha256() == null) {
            return null;
        }
        // A unit that is one file is never linked to itself: its swap keeps the old file as a link of the target.
        Path samePlace = node.relative().isEmpty() ? null : node.samePlace();
        return reuse.candidate(resolved, samePlace, plan.unit().targetOf(node.relative())).orElse(null);
    }

    /** The files of plan that reuse offers to link, unverified (for a preview). */
    static Restorer.Linked linkable(UnitPlan plan, Reuse reuse) throws IOException {
        long files = 0;
        long bytes = 0;
        for (UnitPlan.Node node : plan.tree()) {
            if (node.entry().isFile()
                    && candidate(plan, node, withMetadata(node.entry().renamed(node.relative()), node), reuse) != null) {
                files++;
                bytes += node.entry().size();
            }
        }
        return new Restorer.Linked(files, bytes);
    }

    /** A manifest without metadata gives no mode: the source file's own is used. */
    private static Entry withMetadata(Entry entry, UnitPlan.Node node) throws IOException {
        if (entry.mode() >= 0) {
            return entry;
        }
        Entry actual = Trees.stat(node.from(), entry.name()).orElseThrow(() -> new java.nio.file.NoSuchFileException(
                node.from().toString()));
        return new Entry(entry.name(), entry.kind(), entry.size(), actual.mode(), actual.mtime(), entry.sha256(),
                entry.linkTarget().isPresent() ? entry.linkTarget() : actual.linkTarget());
    }

    static String identity(Entry entry) {
        return switch (entry.kind()) {
            case DIR -> "dir";
            case SYMLINK -> "link " + entry.linkTarget().orElse("");
            case FILE -> "file " + entry.sha256().orElse("");
        };
    }
}
