package dev.runbook.action;

import dev.runbook.files.Entry;
import dev.runbook.files.EntryNames;
import dev.runbook.files.Refusal;
import dev.runbook.files.RestorePlanner;
import dev.runbook.files.RestoreUnit;
import dev.runbook.files.Trees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** file.restore: one file or folder from a path, staged beside it and swapped in, keeping what was there. */
final class FileRestore extends RestoreAction {

    static final Param<Path> FROM = Param.path("from", "The file or folder to copy back.",
            "backups/pre-phase4/config/alembic.ini").required();
    static final Param<Path> TO = Param.path("to", "Where it goes.", "alembic.ini").required();
    static final Param<List<String>> PRESERVE = Param.strings("preserve", "Globs in the target never overwritten or "
            + "removed.", "[\"local-*\"]");
    static final Param<Boolean> MIRROR = Param.bool("mirror", "For a folder: remove files the source does not have "
            + "(false: only add and replace).", "false").byDefault("true");
    static final Param<List<String>> KEEP_EXTRA = Param.strings("keep_extra", BackupSteps.KEEP_EXTRA + " Relative to "
            + "the restored folder (\"\" or \".\" is the folder itself).", "[\"\"]");
    static final Param<Path> KEEP_CURRENT_AS = Param.path("keep_current_as", "Keep what was there under this name.",
            "alembic.ini.failed");

    static final Output<List<String>> NOTES = Output.list(Outcome.NOTES, "Lines to read even on success: what was "
            + "left in place.");

    private static final ActionSpec SPEC = ActionSpec.define("file.restore", "Restore one file or folder from a "
                    + "path, atomically, keeping what was there.")
            .idempotent()
            .params(FROM, TO, PRESERVE, MIRROR, KEEP_EXTRA, KEEP_CURRENT_AS, BackupSteps.REUSE_FILES)
            .outputs(REPLACED, ADDED, REMOVED, KEPT_AS, BackupSteps.LINKED, BackupSteps.METADATA_NOT_KEPT,
                    BackupSteps.PRESERVED_FILES, NOTES)
            .plan("restore {to} from {from}[, keeping the current one as {keep_current_as}]")
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
        EntryNames.refuseLinkedParents(to, context.workDir());
        String name = to.getFileName().toString();
        Map<String, Entry> entries = new LinkedHashMap<>();
        Trees.scan(from, "", n -> false).forEach(e -> entries.put(e.name(), e));
        Path keep = context.gives(KEEP_CURRENT_AS) ? keptAs : keptAs.resolve(name);
        Predicate<String> globs = RestorePlanner.globs(context.find(PRESERVE).orElse(List.of()));
        // Preserve globs of file.restore are relative to the restored folder itself.
        Predicate<String> preserved = full -> full.startsWith(name + "/") && globs.test(full.substring(name.length() + 1));
        List<String> extra = context.find(KEEP_EXTRA).orElse(List.of());
        Predicate<String> extraGlobs = RestorePlanner.globs(extra);
        boolean wholeFolder = extra.stream().anyMatch(g -> g.isEmpty() || g.equals("."));
        Predicate<String> keepExtra = full -> full.equals(name) ? wholeFolder
                : full.startsWith(name + "/") && extraGlobs.test(full.substring(name.length() + 1));
        return new Setup(List.of(new RestoreUnit(name, from, to, entries, keep)),
                to.toAbsolutePath().getParent().resolve(EntryNames.STAGING), keep, preserved, keepExtra, null,
                context.asWritten(FROM), context.get(MIRROR), context.get(BackupSteps.REUSE_FILES));
    }
}
