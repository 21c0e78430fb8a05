package dev.runbook.action;

import dev.runbook.sqlite.DatabaseSummary;
import dev.runbook.sqlite.IntegrityCheck;
import dev.runbook.sqlite.Restore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sqlite.restore over {@link Restore}: the preview shows both databases (size, pages, integrity,
 * Alembic revision) and whether the restore would be refused; the run checks the restored database
 * and that it holds the backup's pages.
 */
final class SqliteRestore implements BuiltIn {

    static final Param<Path> FROM = Param.path("from", "The backup database.",
            "backups/pre-phase4/database/tmws.db.backup").required();
    static final Param<Path> TO = Param.path("to", "The database to replace.", "data/tmws.db").required();
    static final Param<Path> KEEP_CURRENT_AS = Param.path("keep_current_as", "Keep the current database under this "
            + "name (default: the run's forensics folder).", "data/tmws.db.failed-phase4");
    static final Param<Boolean> ALLOW_EMPTY = Param.bool("allow_empty", "Let a backup with no schema at all (no "
            + "tables) replace a database that has one.", "true").byDefault("false");

    static final Output<Path> KEPT_AS = Output.path("kept_as", "Where the replaced database was kept.");
    static final Output<Long> BYTES = Output.integer("bytes", "Size of the restored database.");
    static final Output<List<String>> METADATA_NOT_KEPT = Output.list("metadata_not_kept", "The database's owner or "
            + "mode where the restored file could not be given them (not root); empty when kept.");

    private static final ActionSpec SPEC = ActionSpec.define("sqlite.restore", "Swap a backup in for a database "
                    + "atomically; the current database with its -wal and -shm files is moved aside first. Refuses "
                    + "while another process writes.")
            .params(FROM, TO, KEEP_CURRENT_AS, ALLOW_EMPTY)
            .outputs(KEPT_AS, BYTES, METADATA_NOT_KEPT)
            .plan("restore database {to} from {from}[, keeping the current one as {keep_current_as}]")
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Path from = context.path(FROM);
        Path to = context.path(TO);
        Path keep = keep(context, to);
        Optional<String> maker = context.run().simulated().createdBy(from);
        if (maker.isPresent() && !java.nio.file.Files.exists(from)) {
            context.run().simulated().wouldChange(context.stepId(), to);
            context.run().simulated().wouldLeave(to, swapped(context, false, Optional.empty()));
            return new Preview(PreviewKind.SIMULATED, List.of("cannot preview the swap: the backup " + from + " does "
                    + "not exist yet; step '" + maker.get() + "' would make it"), Map.of());
        }
        DatabaseSummary backup = DatabaseSummary.of(from);
        DatabaseSummary current = DatabaseSummary.of(to);
        List<String> effects = new ArrayList<>();
        effects.add("backup " + from + ": " + backup.describe());
        effects.add("current " + to + ": " + current.describe());
        SimulatedState simulated = context.run().simulated();
        Optional<String> refusal = Restore.refusal(from, to, keep, allowEmpty(context), simulated.stoppedPids(),
                path -> simulated.createdBy(path).isPresent());
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
        if (refusal.isEmpty()) { // what the steps after this one see
            Restore.keptFiles(to, keep).forEach(kept -> simulated.wouldCreate(context.stepId(), kept));
            simulated.wouldChange(context.stepId(), to);
            simulated.wouldLeave(to, swapped(context, backup.problem().isEmpty(), backup.alembic()));
        }
        Outputs outputs = new Outputs().put(KEPT_AS, current.exists() ? keep : Path.of(""))
                .put(BYTES, backup.bytes()).put(METADATA_NOT_KEPT, List.of());
        return refusal.isPresent() ? Preview.refusing(refusal.get(), effects, outputs.map())
                : Preview.changes(effects, outputs.map());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path from = context.path(FROM);
        Path to = context.path(TO);
        Restore.Result result;
        try {
            result = Restore.run(from, to, keep(context, to), allowEmpty(context));
        } catch (Restore.Refused e) {
            throw ActionException.refused("cannot restore " + to + " from " + from + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ActionException("cannot restore " + to + " from " + from + ": " + e.getMessage(), e);
        }
        Map<String, Object> outputs = new Outputs().put(KEPT_AS, result.keptAs().orElse(Path.of("")))
                .put(BYTES, result.bytes()).put(METADATA_NOT_KEPT, result.notKept()).map();
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

    private static SimulatedState.DatabaseRevision swapped(StepContext context, boolean known, Optional<String> rev)
            throws ActionException {
        return new SimulatedState.DatabaseRevision("the database step '" + context.stepId() + "' would swap in ("
                + context.path(FROM) + ")", known, rev);
    }

    private static boolean allowEmpty(StepContext context) throws ActionException {
        return context.get(ALLOW_EMPTY);
    }

    /** keep_current_as, or the run's forensics folder: forensics/<step>/<file name>. */
    private static Path keep(StepContext context, Path to) throws ActionException {
        return context.findPath(KEEP_CURRENT_AS)
                .orElseGet(() -> context.run().forensicsDir().resolve(context.stepFileName()).resolve(to.getFileName()));
    }

    private static String keptNote(Map<String, Object> outputs) {
        String kept = String.valueOf(outputs.get(KEPT_AS.name()));
        return kept.isEmpty() ? "" : "; the previous database is kept as " + kept;
    }
}
