package dev.runbook.action;

import dev.runbook.sqlite.Databases;
import dev.runbook.sqlite.FileHeader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** sqlite.query: a read-only query and what it must return. */
final class SqliteQuery implements BuiltIn {

    static final Param<Path> DB = Param.path("db", "The database (opened read-only).", "data/tmws.db").required();
    static final Param<String> SQL = Param.string("sql", "The query.", "SELECT version_num FROM alembic_version")
            .required();
    static final Param<Long> EXPECT_ROWS = Param.integer("expect_rows", "Exactly this many rows.", "1");
    static final Param<String> EXPECT_VALUE = Param.string("expect_value", "The first column of the first row "
            + "equals this.", "\"{{ params.revision }}\"");
    static final Param<Boolean> EXPECT_EMPTY = Param.bool("expect_empty", "No rows at all.", "true");

    static final Output<Long> ROWS = Output.integer("rows", "Rows returned.");
    static final Output<String> VALUE = Output.string("value", "First column of the first row (empty when no rows).");

    private static final ActionSpec SPEC = ActionSpec.define("sqlite.query", "Run a read-only query and check what "
                    + "it returns.")
            .readOnly()
            .params(DB, SQL, EXPECT_ROWS, EXPECT_VALUE, EXPECT_EMPTY)
            .outputs(ROWS, VALUE)
            .plan("query {db}: {sql}")
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "returns " + outcome.outputs().get(ROWS.name())
                + " rows now, as expected" : "not as expected now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path db = context.path(DB);
        Optional<String> problem = FileHeader.problem(db);
        if (problem.isPresent()) {
            throw ActionException.refused(problem.get());
        }
        String query = context.get(SQL);
        long rows = 0;
        String value = "";
        try (Connection connection = Databases.readOnly(db); Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                if (rows++ == 0) {
                    value = Optional.ofNullable(result.getString(1)).orElse("");
                }
            }
        } catch (SQLException e) {
            throw ActionException.refused(db + ": " + query + ": " + Databases.reason(e)
                    + (readOnlyRefusal(e) ? " (sqlite.query only reads)" : ""), e);
        }
        Outputs outputs = new Outputs().put(ROWS, rows).put(VALUE, value);
        Optional<String> mismatch = mismatch(context, rows, value);
        return mismatch.map(why -> Outcome.failed(query + ": " + why, outputs.map()))
                .orElseGet(() -> Outcome.ok(outputs.map()));
    }

    /** SQLITE_READONLY (8) and its extended codes: the query tried to write. */
    private static boolean readOnlyRefusal(SQLException e) {
        return (e.getErrorCode() & 0xff) == 8;
    }

    private static Optional<String> mismatch(StepContext context, long rows, String value) throws ActionException {
        Optional<Long> expectRows = context.find(EXPECT_ROWS);
        if (expectRows.isPresent() && expectRows.get() != rows) {
            return Optional.of("returned " + rows + " rows, expected " + expectRows.get());
        }
        Optional<Boolean> expectEmpty = context.find(EXPECT_EMPTY);
        if (expectEmpty.isPresent() && expectEmpty.get() != (rows == 0)) {
            return Optional.of(rows == 0 ? "returned no rows, expected some" : "returned " + rows
                    + " rows, expected none (first: " + value + ")");
        }
        Optional<String> expectValue = context.find(EXPECT_VALUE);
        if (expectValue.isPresent() && (rows == 0 || !expectValue.get().equals(value))) {
            return Optional.of(rows == 0 ? "returned no rows, expected the value \"" + expectValue.get() + "\""
                    : "returned \"" + value + "\", expected \"" + expectValue.get() + "\"");
        }
        return Optional.empty();
    }
}
