package dev.runbook.action;

import dev.runbook.sqlite.Databases;
import dev.runbook.sqlite.FileHeader;
import dev.runbook.sqlite.IntegrityCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** sqlite.*: the read-only checks here; backup, restore and dump in their own classes. */
final class SqliteImplementations {

    private SqliteImplementations() {
    }

    static Map<String, Action> all() {
        return Map.of("sqlite.integrity", new Integrity(), "sqlite.query", new Query(),
                "sqlite.backup", new SqliteBackup(), "sqlite.restore", new SqliteRestore(),
                "sqlite.dump", new SqliteDump());
    }

    static Path path(StepContext context, String param) throws ActionException {
        return context.workDir().resolve(context.args().required(param));
    }

    /** sqlite.integrity: a damaged, empty or foreign file is a failed check, never a crash. */
    static final class Integrity implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            Outcome outcome = run(context);
            return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "integrity ok now"
                    : "fails its integrity check now: " + outcome.message()), outcome.outputs());
        }

        @Override
        public Outcome run(StepContext context) throws ActionException {
            Arguments args = context.args();
            IntegrityCheck.Mode mode = args.required("mode").equals("quick") ? IntegrityCheck.Mode.QUICK
                    : IntegrityCheck.Mode.FULL;
            IntegrityCheck.Result result = IntegrityCheck.run(path(context, "db"), mode, args.bool("foreign_keys"));
            Map<String, Object> outputs = Map.of("ok", result.ok(), "result", result.result());
            return result.ok() ? Outcome.ok(outputs) : Outcome.failed(result.result(), outputs);
        }
    }

    /** sqlite.query: a read-only query and what it must return. */
    static final class Query implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            Outcome outcome = run(context);
            return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "returns " + outcome.outputs().get("rows")
                    + " rows now, as expected" : "not as expected now: " + outcome.message()), outcome.outputs());
        }

        @Override
        public Outcome run(StepContext context) throws ActionException {
            Path db = path(context, "db");
            Optional<String> problem = FileHeader.problem(db);
            if (problem.isPresent()) {
                throw new ActionException(problem.get());
            }
            String query = context.args().required("sql");
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
                throw new ActionException(db + ": " + query + ": " + Databases.reason(e)
                        + (Databases.reason(e).contains("readonly") ? " (sqlite.query only reads)" : ""), e);
            }
            Map<String, Object> outputs = new LinkedHashMap<>();
            outputs.put("rows", rows);
            outputs.put("value", value);
            Optional<String> mismatch = mismatch(context.args(), rows, value);
            return mismatch.map(why -> Outcome.failed(query + ": " + why, outputs)).orElseGet(() -> Outcome.ok(outputs));
        }

        private static Optional<String> mismatch(Arguments args, long rows, String value) throws ActionException {
            Optional<Long> expectRows = args.integer("expect_rows");
            if (expectRows.isPresent() && expectRows.get() != rows) {
                return Optional.of("returned " + rows + " rows, expected " + expectRows.get());
            }
            if (args.has("expect_empty") && args.bool("expect_empty") != (rows == 0)) {
                return Optional.of(rows == 0 ? "returned no rows, expected some" : "returned " + rows
                        + " rows, expected none (first: " + value + ")");
            }
            Optional<String> expectValue = args.string("expect_value");
            if (expectValue.isPresent() && (rows == 0 || !expectValue.get().equals(value))) {
                return Optional.of(rows == 0 ? "returned no rows, expected the value \"" + expectValue.get() + "\""
                        : "returned \"" + value + "\", expected \"" + expectValue.get() + "\"");
            }
            return Optional.empty();
        }
    }
}
