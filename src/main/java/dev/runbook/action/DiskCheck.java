package dev.runbook.action;

import dev.runbook.values.Sizes;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * disk.check: free space (usable by this user, as {@code df} "Avail" shows) on the filesystem of a
 * path, against a size or against the size of a backup about to be restored. A path that does not
 * exist yet is checked on the filesystem of its nearest existing parent, where it will be created.
 */
final class DiskCheck implements Action {

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "enough free space now: "
                + Sizes.human((Long) outcome.outputs().get("free_bytes")) + " free, "
                + Sizes.human((Long) outcome.outputs().get("needed_bytes")) + " needed"
                : "check fails now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Arguments args = context.args();
        Path path = context.workDir().resolve(args.required("path")).toAbsolutePath().normalize();
        long needed;
        String what;
        if (args.has("for_backup")) {
            Path backup = context.workDir().resolve(args.required("for_backup")).normalize();
            if (!Files.exists(backup)) {
                throw new ActionException("for_backup " + backup + " does not exist; name the backup folder or file "
                        + "whose size must fit");
            }
            try {
                needed = InspectImplementations.Tally.of(backup).bytes();
            } catch (IOException e) {
                throw new ActionException("cannot measure " + backup + ": " + e.getMessage(), e);
            }
            what = "the size of " + backup;
        } else {
            needed = args.size("min_free").orElseThrow(() -> new ActionException("give min_free or for_backup"));
            what = "min_free";
        }
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        long free;
        try {
            FileStore store = Files.getFileStore(existing);
            free = store.getUsableSpace();
        } catch (IOException | NullPointerException e) {
            throw new ActionException("cannot read the free space at " + path + ": " + e.getMessage(), e);
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("free_bytes", free);
        outputs.put("needed_bytes", needed);
        if (free < needed) {
            return Outcome.failed("only " + Sizes.human(free) + " free at " + path + ", "
                    + Sizes.human(needed) + " needed (" + what + ")", outputs);
        }
        return Outcome.ok(outputs);
    }
}
