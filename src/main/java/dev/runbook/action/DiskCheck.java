package dev.runbook.action;

import dev.runbook.values.Sizes;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * disk.check: free space (usable by this user, as {@code df} "Avail" shows) on the filesystem of a
 * path, against a size or against the size of a backup about to be restored. A path that does not
 * exist yet is checked on the filesystem of its nearest existing parent, where it will be created.
 */
final class DiskCheck implements BuiltIn {

    static final Param<Path> PATH = Param.path("path", "A path on the filesystem to check.", ".praxis-os").required();
    static final Param<Long> MIN_FREE = Param.size("min_free", "Free space needed.", "1GB");
    static final Param<Path> FOR_BACKUP = Param.path("for_backup", "Need at least the size of this backup or path.",
            "backups/pre-phase4");

    static final Output<Long> FREE_BYTES = Output.integer("free_bytes", "Free bytes available.");
    static final Output<Long> NEEDED_BYTES = Output.integer("needed_bytes", "Bytes that were needed.");

    private static final ActionSpec SPEC = ActionSpec.define("disk.check", "Check that a filesystem has enough free "
                    + "space.")
            .readOnly()
            .params(PATH, MIN_FREE, FOR_BACKUP)
            .exactlyOneOf(MIN_FREE, FOR_BACKUP)
            .outputs(FREE_BYTES, NEEDED_BYTES)
            .plan("check free space at {path}[ (at least {min_free})][ (room for {for_backup})]")
            .reads(PreviewReads.NOTHING)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "enough free space now: "
                + Sizes.human((Long) outcome.outputs().get(FREE_BYTES.name())) + " free, "
                + Sizes.human((Long) outcome.outputs().get(NEEDED_BYTES.name())) + " needed"
                : "check fails now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path path = context.path(PATH).toAbsolutePath().normalize();
        long needed;
        String what;
        Optional<Path> forBackup = context.findPath(FOR_BACKUP);
        if (forBackup.isPresent()) {
            Path backup = forBackup.get().normalize();
            if (!Files.exists(backup)) {
                throw ActionException.refused("for_backup " + backup + " does not exist; name the backup folder or file "
                        + "whose size must fit");
            }
            try {
                needed = Tally.of(backup).bytes();
            } catch (IOException e) {
                throw ActionException.refused("cannot measure " + backup + ": " + e.getMessage(), e);
            }
            what = "the size of " + backup;
        } else {
            needed = context.find(MIN_FREE).orElseThrow(() -> ActionException.refused("give min_free or for_backup"));
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
            throw ActionException.refused("cannot read the free space at " + path + ": " + e.getMessage(), e);
        }
        Map<String, Object> outputs = new Outputs().put(FREE_BYTES, free).put(NEEDED_BYTES, needed).map();
        if (free < needed) {
            return Outcome.failed("only " + Sizes.human(free) + " free at " + path + ", "
                    + Sizes.human(needed) + " needed (" + what + ")", outputs);
        }
        return Outcome.ok(outputs);
    }
}
