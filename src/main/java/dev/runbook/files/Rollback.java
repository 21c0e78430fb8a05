package dev.runbook.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Undoes a swap whose result failed verification: what was restored goes beside the place it
 * would have been kept (".failed-restore", for forensics), what was there goes back.
 */
final class Rollback {

    private Rollback() {
    }

    static void putBack(Path txDir, Intent intent) throws IOException, Refusal {
        for (Intent.Swap swap : intent.swaps()) {
            Path old = txDir.resolve("old").resolve(String.valueOf(swap.index()));
            Path failed = swap.keepAs().resolveSibling(swap.keepAs().getFileName() + ".failed-restore");
            boolean both = Files.exists(swap.target(), LinkOption.NOFOLLOW_LINKS) && Files.exists(old, LinkOption.NOFOLLOW_LINKS);
            if (both && LinuxCalls.exchange(old, swap.target())) {
                // In one step, so the target is never absent: old/i now holds what was restored.
                Durable.fsync(swap.target().toAbsolutePath().getParent());
                Keeping.move(old, failed);
                continue;
            }
            if (Files.exists(swap.target(), LinkOption.NOFOLLOW_LINKS)) {
                Path aside = txDir.resolve("failed-" + swap.index());
                Durable.rename(swap.target(), aside);
                Keeping.move(aside, failed);
            }
            if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
                Durable.rename(old, swap.target());
            }
            Durable.fsync(swap.target().toAbsolutePath().getParent());
        }
        Durable.deleteTree(txDir);
    }
}
