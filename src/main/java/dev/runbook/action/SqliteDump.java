package dev.runbook.action;

import dev.runbook.files.Ownership;
import dev.runbook.sqlite.Databases;
import dev.runbook.sqlite.DatabaseSummary;
import dev.runbook.sqlite.Durable;
import dev.runbook.sqlite.FileHeader;
import dev.runbook.sqlite.SqlDump;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** sqlite.dump: the database as SQL text into a new file, written beside it and then published. */
final class SqliteDump implements BuiltIn {

    static final Param<Path> DB = Param.path("db", "The database (opened read-only).", "data/tmws.db").required();
    static final Param<Path> TO = Param.path("to", "The SQL file to write (must not exist).",
            "data/failed-phase4-dump.sql").required();

    static final Output<Path> PATH = Output.path("path", "The SQL file.");
    static final Output<Long> BYTES = Output.integer("bytes", "Its size.");
    static final Output<List<String>> METADATA_NOT_KEPT = Output.list("metadata_not_kept", "The database's owner or "
            + "mode where the SQL file could not be given them (not root); empty when kept.");

    private static final ActionSpec SPEC = ActionSpec.define("sqlite.dump", "Write the database out as SQL text, "
                    + "like the sqlite3 CLI's .dump.")
            .params(DB, TO)
            .outputs(PATH, BYTES, METADATA_NOT_KEPT)
            .plan("dump {db} as SQL to {to}")
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Path db = context.path(DB);
        Path to = context.path(TO);
        Optional<String> refused = refusal(db, to);
        List<String> effects = List.of("database " + db + ": " + DatabaseSummary.of(db).describe(),
                refused.map(why -> "would refuse: " + why).orElse("would write its SQL text to " + to + " (new file)"));
        Map<String, Object> outputs = new Outputs().put(PATH, to).put(METADATA_NOT_KEPT, List.of()).map();
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
        Path temp = Durable.tempBeside(to, "dump");
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Durable.removeAbandoned(to, "dump");
            // Private until it gets the database's own mode: no one else reads the rows meanwhile.
            Files.createFile(temp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try (Connection connection = Databases.readOnly(db);
                 Writer out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16)) {
                SqlDump.write(connection, out);
            }
            // The dump holds every row of the database: its owner and mode, not the umask's 0644.
            List<String> notKept = Ownership.apply(temp, Ownership.of(db), to.toString());
            Durable.fsync(temp);
            Durable.publish(temp, to);
            return Outcome.ok(new Outputs().put(PATH, to).put(BYTES, Files.size(to)).put(METADATA_NOT_KEPT, notKept)
                    .map());
        } catch (SQLException e) {
            throw new ActionException(db + ": cannot dump: " + Databases.reason(e), e);
        } catch (IOException e) {
            throw new ActionException("cannot write " + to + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the failure, if any, is what gets reported
            }
        }
    }

    private static Optional<String> refusal(Path db, Path to) {
        Optional<String> problem = FileHeader.problem(db);
        if (problem.isPresent()) {
            return problem;
        }
        return Files.exists(to) ? Optional.of(to + " already exists; a dump never replaces a file") : Optional.empty();
    }
}
