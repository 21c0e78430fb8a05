package dev.runbook.action;

import dev.runbook.sqlite.DatabaseSummary;
import dev.runbook.sqlite.IntegrityCheck;
import dev.runbook.sqlite.Restore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sqlite.restore over {@link Restore}: the preview shows both databases (size, pages, integrity,
 * Alembic revision) and whether the restore would be refused; the run checks the restored database
 * and that it holds the backup's pages.
 */
final class SqliteRestore implements Action {

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Path from = SqliteImplementations.path(context, "from");
        Path to = SqliteImplementations.path(context, "to");
        Path keep = keep(context, to);
        DatabaseSummary backup = DatabaseSummary.of(from);
        DatabaseSummary current = DatabaseSummary.of(to);
        List<String> effects = new ArrayList<>();
        effects.add("backup " + from + ": " + backup.describe());
        effects.add("current " + to + ": " + current.describe());
        Optional<String> refusal = Restore.refusal(from, to, keep, allowEmpty(context));
        if (refusal.isEmpty() && backup.problem().isPresent()) {
            refusal = backup.problem();
        }
        if (refusal.isPresent()) {
            effects.add("would refuse: " + refusal.get());
        } else {
            if (current.exists()) {
                effects.add("would keep the current database (with its -wal/-shm/-journal) as " + keep);
            }
            effects.add("would swap the backup in; Alembic " + current.alembic().orElse("base") + " -> "
                    + backup.alembic().orElse("base"));
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("kept_as", current.exists() ? keep.toString() : "");
        outputs.put("bytes", backup.bytes());
        outputs.put("metadata_not_kept", List.of());
        return new Preview(PreviewKind.SIMULATED, effects, outputs, refusal.isPresent());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path from = SqliteImplementations.path(context, "from");
        Path to = SqliteImplementations.path(context, "to");
        Restore.Result result;
        try {
            result = Restore.run(from, to, keep(context, to), allowEmpty(context));
        } catch (IOException e) {
            throw new ActionException("cannot restore " + to + " from " + from + ": " + e.getMessage(), e);
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("kept_as", result.keptAs().map(Path::toString).orElse(""));
        outputs.put("bytes", result.bytes());
        outputs.put("metadata_not_kept", result.notKept());
        IntegrityCheck.Result check = IntegrityCheck.run(to, IntegrityCheck.Mode.QUICK, false);
        DatabaseSummary restored = DatabaseSummary.of(to);
        DatabaseSummary backup = DatabaseSummary.of(from);
        if (!check.ok()) {
            return Outcome.failed("the restored database fails its check: " + check.result() + keptNote(outputs),
                    outputs);
        }
        if (restored.pages() != backup.pages() || !restored.alembic().equals(backup.alembic())) {
            return Outcome.failed("the restored database differs from the backup (" + restored.describe() + " vs "
                    + backup.describe() + ")" + keptNote(outputs), outputs);
        }
        return Outcome.ok(outputs);
    }

    private static boolean allowEmpty(StepContext context) throws ActionException {
        return context.args().bool("allow_empty");
    }

    /** keep_current_as, or the run's forensics folder: forensics/<step>/<file name>. */
    private static Path keep(StepContext context, Path to) {
        return context.args().string("keep_current_as").map(context.workDir()::resolve)
                .orElseGet(() -> context.run().forensicsDir().resolve(context.stepFileName()).resolve(to.getFileName()));
    }

    private static String keptNote(Map<String, Object> outputs) {
        String kept = String.valueOf(outputs.get("kept_as"));
        return kept.isEmpty() ? "" : "; the previous database is kept as " + kept;
    }
}
