package dev.runbook.action;

import dev.runbook.files.Ownership;
import dev.runbook.sqlite.DatabaseSummary;
import dev.runbook.sqlite.Durable;
import dev.runbook.sqlite.FileHeader;
import dev.runbook.sqlite.IntegrityCheck;
import dev.runbook.sqlite.OnlineBackup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sqlite.backup: the online backup API into a fresh temporary name beside the target, fsync,
 * check, then publish under the target name, which must not exist (a backup never replaces one).
 */
final class SqliteBackup implements BuiltIn {

    static final Param<Path> DB = Param.path("db", "The database to copy.", "data/tmws.db").required();
    static final Param<Path> TO = Param.path("to", "The backup file (must not exist).",
            "backups/pre-phase4/database/tmws.db.backup").required();
    static final Param<String> INTEGRITY = Param.oneOf("integrity", List.of("none", "quick", "full"), "Also run this "
            + "integrity check on the copy before keeping it. The copy's header, size, page count and schema are always "
            + "checked.", "quick").byDefault("none");

    static final Output<Path> PATH = Output.path("path", "The backup file.");
    static final Output<Long> BYTES = Output.integer("bytes", "Its size.");
    static final Output<Long> PAGES = Output.integer("pages", "Its page count.");
    static final Output<List<String>> METADATA_NOT_KEPT = Output.list("metadata_not_kept", "The database's owner or "
            + "mode where the backup could not be given them (not root); empty when kept.");

    private static final ActionSpec SPEC = ActionSpec.define("sqlite.backup", "Copy a live database with SQLite's "
                    + "online backup API into a fresh temporary name, fsync, verify, then rename into place.")
            .params(DB, TO, INTEGRITY)
            .outputs(PATH, BYTES, PAGES, METADATA_NOT_KEPT)
            .plan("back up database {db} to {to}")
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Path db = context.path(DB);
        Path to = context.path(TO);
        DatabaseSummary source = DatabaseSummary.of(db);
        List<String> effects = new ArrayList<>();
        effects.add("database " + db + ": " + source.describe());
        Optional<String> refused = refusal(db, to);
        effects.add(refused.map(why -> "would refuse: " + why)
                .orElse("would copy it with the online backup API to " + to + " (new file)"));
        if (refused.isEmpty()) {
            context.run().simulated().wouldCreate(context.stepId(), to); // a later restore may read it
        }
        Map<String, Object> outputs = outputs(to, source.bytes(), source.pages()).map();
        return refused.isPresent() ? Preview.refusing(refused.get(), effects, outputs)
                : Preview.changes(effects, outputs);
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path db = context.path(DB);
        Path to = context.path(TO);
        Optional<String> refused = refusal(db, to);
        if (refused.isPresent()) {
            throw ActionException.refused(refused.get());
        }
        Path temp = null;
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Durable.removeAbandoned(to, "backup");
            temp = Durable.tempBeside(to, "backup");
            long sourcePages = OnlineBackup.copy(db, temp);
            // The copy holds what the database holds: it keeps its owner and mode (a 0600 database
            // stays 0600, not the umask's 0644).
            List<String> notKept = Ownership.apply(temp, Ownership.of(db), to.toString());
            Durable.fsync(temp);
            FileHeader header = FileHeader.read(temp);
            Optional<String> problem = check(context.get(INTEGRITY), temp, header, sourcePages);
            if (problem.isPresent()) {
                throw new ActionException("the copy of " + db + " fails its check, so it was not kept: "
                        + problem.get());
            }
            Durable.publish(temp, to);
            return Outcome.ok(outputs(to, header.bytes(), header.pageCount()).put(METADATA_NOT_KEPT, notKept).map());
        } catch (IOException | FileHeader.NotADatabase e) {
            throw new ActionException("cannot back up " + db + " to " + to + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                OnlineBackup.removeWithSidecars(temp);
            }
        }
    }

    /**
     * The copy as written: its header, its length (page count x page size), the source's page count,
     * a readable schema; and the integrity check asked for. A full check by default would double
     * the time of a large backup for pages the backup API has just copied verbatim.
     */
    private static Optional<String> check(String integrity, Path copy, FileHeader header, long sourcePages) {
        if (header.pageCount() != sourcePages) {
            return Optional.of("it has " + header.pageCount() + " pages, the source had " + sourcePages);
        }
        if (!integrity.equals("none")) {
            IntegrityCheck.Result check = IntegrityCheck.run(copy, integrity.equals("quick") ? IntegrityCheck.Mode.QUICK
                    : IntegrityCheck.Mode.FULL, false);
            return check.ok() ? Optional.empty() : Optional.of(check.result());
        }
        try (java.sql.Connection connection = dev.runbook.sqlite.Databases.readOnly(copy);
             java.sql.Statement sql = connection.createStatement();
             java.sql.ResultSet schema = sql.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            schema.next();
            return Optional.empty();
        } catch (java.sql.SQLException e) {
            return Optional.of(dev.runbook.sqlite.Databases.reason(e));
        }
    }

    private static Optional<String> refusal(Path db, Path to) {
        Optional<String> problem = FileHeader.problem(db);
        if (problem.isPresent()) {
            return problem;
        }
        if (Files.exists(to)) {
            return Optional.of(to + " already exists; a backup never replaces one (pick a new name)");
        }
        return Optional.empty();
    }

    private static Outputs outputs(Path to, long bytes, long pages) {
        return new Outputs().put(PATH, to).put(BYTES, bytes).put(PAGES, pages).put(METADATA_NOT_KEPT, List.of());
    }
}
