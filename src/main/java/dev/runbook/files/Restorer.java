package dev.runbook.files;

import dev.runbook.values.Sizes;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts planned units in place atomically. Everything is first staged in a private (0700) folder
 * on the target's own filesystem and made durable; then an intent record is fsynced; only then is
 * anything in the target renamed: a file is replaced by one rename (the old one hard-linked aside
 * first, so its path is never empty), a folder is swapped with its staged tree in one step
 * (renameat2 RENAME_EXCHANGE; where the filesystem cannot, by two renames, old aside and staged
 * in, and a crash between them is completed by recovery). The
 * restored target is checked against the expected checksums, and only then is what was there moved
 * to where it is kept. A failure before the intent leaves the target untouched; a crash after it is
 * completed by {@link #recover}.
 */
public final class Restorer {

    private final Path txDir;
    private final Reuse reuse;
    private final RestoreHooks hooks;

    /**
     * txDir: the staging folder; must not exist, and must be on the targets' filesystem. reuse:
     * where staging looks for files already holding the bytes, to link instead of copy. hooks: the
     * Linux calls it may use and who is told of its checkpoints.
     */
    public Restorer(Path txDir, Reuse reuse, RestoreHooks hooks) {
        this.txDir = txDir;
        this.reuse = reuse;
        this.hooks = hooks;
    }

    public Restorer(Path txDir, Reuse reuse) {
        this(txDir, reuse, RestoreHooks.standard());
    }

    /** Copies every file (links nothing). */
    public Restorer(Path txDir) {
        this(txDir, Reuse.none());
    }

    /** Files (and their bytes) hard-linked from files already on disk instead of copied. */
    public record Linked(long files, long bytes) {

        Linked plus(Linked other) {
            return new Linked(files + other.files, bytes + other.bytes);
        }
    }

    /** What the restore put where: each changed unit's target and where its previous content is kept. */
    /** {@code notKept}: owner, mode or hard links the restored entries could not be given ({@link MetadataCheck}). */
    public record Result(Map<Path, Path> kept, Linked linked, List<String> notKept) {
    }

    /**
     * For a preview: the files staging would try to link (candidates by name, size, mtime, mode
     * and link count; a run also checks their checksums, and copies any that differ).
     */
    public Linked linkable(List<UnitPlan> plans) throws IOException {
        Linked total = new Linked(0, 0);
        for (UnitPlan plan : plans) {
            if (plan.changesSomething()) {
                total = total.plus(Staging.linkable(plan, reuse));
            }
        }
        return total;
    }

    /** The refusals that need no copying: filesystems and free space. Safe to call from a preview. */
    public void check(List<UnitPlan> plans) throws IOException, Refusal {
        long needed = 0;
        for (UnitPlan plan : plans) {
            if (!plan.changesSomething()) {
                continue;
            }
            Path parent = plan.unit().target().toAbsolutePath().getParent();
            if (!Durable.sameFileSystem(txDir.toAbsolutePath().getParent(), parent)) {
                throw new Refusal("cannot stage " + plan.unit().name() + " on the filesystem of " + parent + ": staging "
                        + txDir + " is on another filesystem, so the final rename could not be atomic");
            }
            needed += plan.bytesToStage();
        }
        long free = Files.getFileStore(Durable.existing(txDir)).getUsableSpace();
        if (needed > free) {
            throw new Refusal("not enough free space to stage the restore at " + txDir.toAbsolutePath().getParent()
                    + ": needs " + Sizes.human(needed) + ", " + Sizes.human(free) + " free");
        }
    }

    public Result apply(List<UnitPlan> plans) throws IOException, Refusal {
        check(plans);
        List<UnitPlan> changing = plans.stream().filter(UnitPlan::changesSomething).toList();
        if (changing.isEmpty()) {
            return new Result(Map.of(), new Linked(0, 0), List.of());
        }
        try {
            Durable.createPrivateDirectory(txDir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new Refusal("another restore is staging in " + txDir + " (it appeared meanwhile); it is left alone: "
                    + "let it finish, then run the step again");
        }
        // From here until the staging is gone, the owner file's lock says this restore is alive.
        try (StagingOwner owner = StagingOwner.claim(txDir)) {
            return applyOwned(changing);
        }
    }

    private Result applyOwned(List<UnitPlan> changing) throws IOException, Refusal {
        List<Map<String, String>> expected = new ArrayList<>();
        List<String> notKept = new ArrayList<>();
        Linked linked = new Linked(0, 0);
        try {
            Files.createDirectory(txDir.resolve("stage"));
            Files.createDirectory(txDir.resolve("old"));
            for (int i = 0; i < changing.size(); i++) {
                Staging.Result staged = Staging.stage(changing.get(i), txDir.resolve("stage").resolve(String.valueOf(i)), reuse);
                expected.add(staged.identities());
                notKept.addAll(staged.notKept());
                linked = linked.plus(staged.linked());
            }
            Durable.fsync(txDir.resolve("stage"));
            Durable.fsync(txDir);
        } catch (IOException | Refusal | RuntimeException e) {
            Durable.deleteTree(txDir);
            if (e instanceof AccessDeniedException denied) {
                throw new Refusal("cannot read " + denied.getFile() + ": permission denied; nothing in the target was changed");
            }
            if (e instanceof FileSystemException fs) {
                throw new Refusal("cannot stage the restore: " + fs.getMessage() + "; nothing in the target was changed");
            }
            throw e;
        }
        hooks.checkpoints().reached("staged");
        List<Intent.Swap> swaps = new ArrayList<>();
        for (int i = 0; i < changing.size(); i++) {
            RestoreUnit unit = changing.get(i).unit();
            boolean fileLink = Files.isRegularFile(unit.target(), LinkOption.NOFOLLOW_LINKS)
                    && unit.root().map(Entry::isFile).orElse(false);
            swaps.add(new Intent.Swap(i, unit.target(), unit.keepAs(), fileLink,
                    fileKey(txDir.resolve("stage").resolve(String.valueOf(i)))));
        }
        Intent intent = new Intent(swaps);
        intent.write(txDir);
        swapOrPutBack(txDir, intent, hooks);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < changing.size(); i++) {
            problems.addAll(Verification.compare(changing.get(i).unit().target(), expected.get(i)));
        }
        if (!problems.isEmpty()) {
            Rollback.putBack(txDir, intent, true, hooks);
            throw new Refusal("the restored files do not match what was staged (" + problems.size() + " problems: "
                    + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                    + "); the previous content was put back");
        }
        hooks.checkpoints().reached("verified");
        Map<Path, Path> kept = keepOld(txDir, intent);
        hooks.checkpoints().reached("done");
        return new Result(kept, linked, notKept);
    }

    /**
     * Swaps every unit in, or, when one cannot be (an immutable file or folder, a permission, a
     * full disk), puts every unit already swapped back as it was, so the target is never left mixed
     * across units with no way forward: the step fails naming the obstacle, and a run after it is
     * removed restores afresh. A crash during that put-back is completed by {@link #recover}.
     */
    static void swapOrPutBack(Path txDir, Intent intent, RestoreHooks hooks) throws IOException, Refusal {
        try {
            swapAll(txDir, intent, hooks);
        } catch (IOException | Refusal e) {
            String obstacle = obstacle(e);
            try {
                Rollback.putBack(txDir, intent, false, hooks);
            } catch (IOException | Refusal again) {
                throw new Refusal("the swap stopped: " + obstacle + "; putting the units already swapped back failed "
                        + "too: " + obstacle(again) + "; once that is fixed, running the step again (or resume) "
                        + "finishes putting them back (" + txDir + " holds them)");
            }
            Durable.fsync(txDir.toAbsolutePath().getParent());
            throw new Refusal("the swap stopped: " + obstacle + "; every unit was put back as it was (nothing in "
                    + "the target changed); remove the obstacle and run the step again");
        }
    }

    private static String obstacle(Exception e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": " + fs.getReason();
        }
        return e.getMessage();
    }

    /**
     * Puts every staged unit in place, what was there moved to old/i; idempotent, for recovery
     * too: a swap found done (the target is the staged entry) only has its old content moved on.
     */
    static void swapAll(Path txDir, Intent intent, RestoreHooks hooks) throws IOException, Refusal {
        for (Intent.Swap swap : intent.swaps()) {
            Path staged = txDir.resolve("stage").resolve(String.valueOf(swap.index()));
            Path old = txDir.resolve("old").resolve(String.valueOf(swap.index()));
            Path target = swap.target();
            if (!swap.stagedKey().isEmpty() && swap.stagedKey().equals(fileKey(target))) {
                if (Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
                    moveExchangedAside(staged, old, hooks);
                }
                continue;
            }
            if (!Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            boolean present = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (present && !Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
                if (swap.wholeFileLink() && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createLink(old, target);
                } else if (hooks.linux().exchange(staged, target)) {
                    Durable.fsync(target.toAbsolutePath().getParent());
                    hooks.checkpoints().reached("moved-in");
                    moveExchangedAside(staged, old, hooks);
                    continue;
                } else {
                    Durable.rename(target, old);
                }
                Durable.fsync(old.getParent());
                hooks.checkpoints().reached("moved-aside");
            }
            Durable.rename(staged, target);
            Durable.fsync(target.toAbsolutePath().getParent());
            hooks.checkpoints().reached("moved-in");
        }
    }

    /** After an exchange the staging name holds what was in the target: it joins the other old content. */
    private static void moveExchangedAside(Path staged, Path old, RestoreHooks hooks) throws IOException, Refusal {
        Durable.rename(staged, old);
        Durable.fsync(old.getParent());
        Durable.fsync(staged.getParent());
        hooks.checkpoints().reached("moved-aside");
    }

    /** The device-and-inode identity of a path (not followed), or "" when it does not exist. */
    static String fileKey(Path path) throws IOException {
        try {
            Object key = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
            return key == null ? "" : key.toString();
        } catch (java.nio.file.NoSuchFileException e) {
            return "";
        }
    }

    /** Moves each unit's previous content to where it is kept, then removes the staging folder. */
    static Map<Path, Path> keepOld(Path txDir, Intent intent) throws IOException, Refusal {
        Map<Path, Path> kept = new HashMap<>();
        for (Intent.Swap swap : intent.swaps()) {
            Path old = txDir.resolve("old").resolve(String.valueOf(swap.index()));
            if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
                Keeping.move(old, swap.keepAs());
                kept.put(swap.target(), swap.keepAs());
            }
        }
        Durable.deleteTree(txDir);
        Durable.fsync(txDir.toAbsolutePath().getParent());
        return kept;
    }

    /**
     * Completes a restore a crash interrupted: without an intent record nothing was renamed yet and
     * the staging is discarded; with one, the swap is finished and the old content kept, unless the
     * restore had failed verification and was putting the previous content back, which is then
     * finished instead. Returns what was done, or empty when there was nothing to recover.
     */
    public static java.util.Optional<String> recover(Path txDir) throws IOException, Refusal {
        return recover(txDir, RestoreHooks.standard());
    }

    /** As {@link #recover(Path)}, with the Linux calls and checkpoint listener given. */
    public static java.util.Optional<String> recover(Path txDir, RestoreHooks hooks) throws IOException, Refusal {
        if (!Files.exists(txDir, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        // Only a staging whose owner is provably gone (its lock free) is completed or discarded.
        try (StagingOwner dead = StagingOwner.takeOver(txDir)) {
            return recoverOwned(txDir, hooks);
        }
    }

    private static java.util.Optional<String> recoverOwned(Path txDir, RestoreHooks hooks) throws IOException, Refusal {
        java.util.Optional<Intent> intent = Intent.read(txDir);
        if (intent.isEmpty()) {
            Durable.deleteTree(txDir);
            Durable.fsync(txDir.toAbsolutePath().getParent());
            return java.util.Optional.of("discarded the staging of an interrupted restore (it had not changed the target)");
        }
        if (Files.exists(txDir.resolve(Rollback.MARKER), LinkOption.NOFOLLOW_LINKS)) {
            boolean keepRestored = Rollback.keepsRestored(txDir);
            Rollback.putBack(txDir, intent.get(), keepRestored, hooks);
            Durable.fsync(txDir.toAbsolutePath().getParent());
            return java.util.Optional.of(keepRestored ? "put back the previous content of a restore that failed "
                    + "verification (what was restored is kept as .failed-restore)"
                    : "put back the previous content of a restore whose swap had stopped on an obstacle");
        }
        swapOrPutBack(txDir, intent.get(), hooks);
        keepOld(txDir, intent.get());
        return java.util.Optional.of("completed an interrupted restore of " + intent.get().swaps().size()
                + " entries (the previous content is kept)");
    }

    /** Who is staging in txDir right now, for a preview: empty when nobody (or the owner is gone). */
    public static java.util.Optional<String> liveOwner(Path txDir) throws IOException {
        if (!Files.exists(txDir.resolve(StagingOwner.FILE), LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        try (StagingOwner dead = StagingOwner.takeOver(txDir)) {
            return java.util.Optional.empty();
        } catch (Refusal live) {
            return java.util.Optional.of(live.getMessage());
        }
    }
}
