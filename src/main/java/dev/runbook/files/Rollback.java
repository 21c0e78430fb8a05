package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Undoes a swap whose result failed verification: what was restored goes beside the place it
 * would have been kept (".failed-restore", for forensics), what was there goes back. A marker is
 * made durable first and every move is recognised as done by the restored entry's identity (the
 * intent's staged key), so a crash in the middle is completed by {@link Restorer#recover} the same
 * way; without the marker, recovery would finish the restore instead and keep what failed
 * verification as the previous content.
 */
final class Rollback {

    static final String MARKER = "putting-back";
    private static final String AFTER_VERIFICATION = "the restore failed verification; putting the previous content back\n";
    private static final String AFTER_SWAP = "the swap stopped on an obstacle; putting the previous content back\n";

    private Rollback() {
    }

    /** Why a put-back began, from its durable marker: only one after a failed verification keeps what was restored. */
    static boolean keepsRestored(Path txDir) throws IOException {
        return !Files.readString(txDir.resolve(MARKER)).equals(AFTER_SWAP);
    }

    /**
     * {@code keepRestored}: after a failed verification what was restored is evidence and is kept
     * as {@code .failed-restore}; after a swap stopped on an obstacle it is the backup's own
     * content, staged and checked, and is discarded with the staging.
     */
    static void putBack(Path txDir, Intent intent, boolean keepRestored, RestoreHooks hooks) throws IOException, Refusal {
        boolean resumed = Files.exists(txDir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
        if (!resumed) {
            Durable.writeString(txDir.resolve(MARKER), keepRestored ? AFTER_VERIFICATION : AFTER_SWAP);
            Durable.fsync(txDir);
        }
        for (Intent.Swap swap : intent.swaps()) {
            Path old = txDir.resolve("old").resolve(String.valueOf(swap.index()));
            Path aside = txDir.resolve("failed-" + swap.index());
            // A name not taken yet: an earlier failed restore kept with the same keep_current_as stays.
            Path failed = Keeping.unused(swap.keepAs().toAbsolutePath().getParent(), swap.keepAs().getFileName()
                    + ".failed-restore");
            Path target = swap.target();
            if (swap.stagedKey().isEmpty()) {
                if (resumed) {
                    throw new Refusal("cannot finish putting back " + target + " after a crash: this platform gives "
                            + "no file identities to tell what was already moved; the previous content is in " + target
                            + " or " + old + ", what failed verification in " + target + " or " + aside
                            + "; sort them by hand, then remove " + txDir);
                }
                putBackUnidentified(target, old, aside, keepRestored ? failed : null);
                continue;
            }
            if (isRestored(target, swap)) {
                if (Files.exists(old, LinkOption.NOFOLLOW_LINKS) && hooks.linux().exchange(old, target)) {
                    // In one step, so the target is never absent: old/i now holds what was restored.
                    Durable.fsync(target.toAbsolutePath().getParent());
                } else {
                    Durable.rename(target, aside);
                    Durable.fsync(txDir);
                }
                hooks.checkpoints().reached("put-back");
            }
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.exists(old, LinkOption.NOFOLLOW_LINKS)
                    && !isRestored(old, swap)) {
                Durable.rename(old, target);
                Durable.fsync(target.toAbsolutePath().getParent());
            }
            for (Path restored : List.of(old, aside)) {
                if (isRestored(restored, swap)) {
                    if (keepRestored) {
                        Keeping.move(restored, failed);
                    } else {
                        Durable.deleteTree(restored);
                    }
                }
            }
        }
        Durable.deleteTree(txDir);
    }

    /** Whether path is the entry the restore put in place. */
    private static boolean isRestored(Path path, Intent.Swap swap) throws IOException {
        return swap.stagedKey().equals(Restorer.fileKey(path));
    }

    /** Without the staged entry's identity (a platform without file keys): one pass, not resumable. */
    private static void putBackUnidentified(Path target, Path old, Path aside, Path failed) throws IOException, Refusal {
        boolean swapped = Files.exists(old, LinkOption.NOFOLLOW_LINKS);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && (swapped || failed != null)) {
            Durable.rename(target, aside);
            if (failed != null) {
                Keeping.move(aside, failed);
            } else {
                Durable.deleteTree(aside);
            }
        }
        if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
            Durable.rename(old, target);
        }
        Durable.fsync(target.toAbsolutePath().getParent());
    }
}
