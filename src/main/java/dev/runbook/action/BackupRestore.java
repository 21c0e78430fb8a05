package dev.runbook.action;

import dev.runbook.files.BackupIndex;
import dev.runbook.files.BackupSource;
import dev.runbook.files.Entry;
import dev.runbook.files.EntryNames;
import dev.runbook.files.Manifest;
import dev.runbook.files.Refusal;
import dev.runbook.files.RestorePlanner;
import dev.runbook.files.RestoreUnit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** backup.restore: entries of a backup back into a target root, checked against the backup's checksum list. */
final class BackupRestore extends RestoreAction {

    static final Param<Path> FROM = Param.path("from", "The backup folder.",
            "\"{{ steps['find-backup'].outputs.path }}\"").required();
    static final Param<Path> TO = Param.path("to", "The target root the backup's entries go back into.", ".praxis-os")
            .required();
    static final Param<String> MANIFEST = Param.string("manifest", BackupSteps.MANIFEST + " When from is a folder "
            + "inside a backup, the list of the backup above it.", "SHA256SUMS");
    static final Param<List<String>> PATHS = Param.strings("paths", "Entries to restore (default: all).",
            "[mcp_server, config.json]");
    static final Param<List<String>> PRESERVE = Param.strings("preserve", "Globs in the target never overwritten or "
            + "removed.", "[\"workflows/local-*\"]");
    static final Param<Boolean> MIRROR = Param.bool("mirror", "Remove files in restored folders that the backup does "
            + "not have.", "false").byDefault("true");
    static final Param<List<String>> KEEP_EXTRA = Param.strings("keep_extra", BackupSteps.KEEP_EXTRA, "[workflows]");
    static final Param<Path> KEEP_CURRENT_AS = Param.path("keep_current_as", "Keep what was there under this name "
            + "(default: the run's forensics folder).", "\"{{ vars.aside }}\"");

    static final Output<List<String>> NOTES = Output.list(Outcome.NOTES, "Lines to read even on success: the checksum "
            + "list used (or that checksums were not verified) and what was left in place.");

    private static final ActionSpec SPEC = ActionSpec.define("backup.restore", "Restore files and folders from a "
                    + "backup atomically: staged beside the target, fsynced, renamed into place; what was there is "
                    + "kept until verification passes.")
            .idempotent()
            .params(FROM, TO, MANIFEST, BackupSteps.CHECKSUMS, PATHS, PRESERVE, MIRROR, KEEP_EXTRA, KEEP_CURRENT_AS,
                    BackupSteps.REUSE_FILES)
            .outputs(ADDED, REPLACED, REMOVED, UNCHANGED, PRESERVED, KEPT_AS, BackupSteps.LINKED,
                    BackupSteps.METADATA_NOT_KEPT, BackupSteps.PRESERVED_FILES, BackupSteps.MANIFEST_USED,
                    BackupSteps.CHECKSUMS_VERIFIED, NOTES)
            .plan("restore[ {paths}] from {from} into {to}[, keeping the current files as {keep_current_as}]")
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    Param<Path> from() {
        return FROM;
    }

    @Override
    Param<Path> to() {
        return TO;
    }

    @Override
    Output<List<String>> notes() {
        return NOTES;
    }

    @Override
    Setup setup(StepContext context) throws IOException, Refusal, ActionException {
        Path from = BackupSteps.path(context, FROM);
        Path to = BackupSteps.path(context, TO);
        Path keptAs = keptAs(context, from, KEEP_CURRENT_AS);
        BackupIndex.Located located = BackupIndex.locate(from, BackupSteps.manifest(context, MANIFEST),
                BackupSteps.checksums(context));
        BackupIndex index = located.index();
        String prefix = located.prefix();
        Manifest manifest = index.manifest();
        List<String> roots = context.find(PATHS).orElseGet(() -> defaultRoots(manifest, prefix));
        List<RestoreUnit> units = BackupSource.units(located.backup(), manifest, prefix, roots, to, keptAs::resolve);
        return new Setup(units, to.resolve(EntryNames.STAGING), keptAs,
                RestorePlanner.globs(context.find(PRESERVE).orElse(List.of())),
                RestorePlanner.globs(context.find(KEEP_EXTRA).orElse(List.of())), index, context.asWritten(FROM),
                context.get(MIRROR), context.get(BackupSteps.REUSE_FILES));
    }

    /** The backup's roots, or, for a folder of it, the entries directly in that folder. */
    private static List<String> defaultRoots(Manifest manifest, String prefix) {
        if (prefix.isEmpty()) {
            return manifest.restoreRoots();
        }
        return manifest.entries().stream().map(Entry::name).filter(n -> n.startsWith(prefix + "/"))
                .map(n -> n.substring(prefix.length() + 1)).map(n -> n.contains("/") ? n.substring(0, n.indexOf('/')) : n)
                .distinct().toList();
    }
}
