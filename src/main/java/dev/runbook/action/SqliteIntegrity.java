package dev.runbook.action;

import dev.runbook.sqlite.IntegrityCheck;
import java.nio.file.Path;
import java.util.List;

/** sqlite.integrity: a damaged, empty or foreign file is a failed check, never a crash. */
final class SqliteIntegrity implements BuiltIn {

    static final Param<Path> DB = Param.path("db", "The database to check.", "data/tmws.db").required();
    static final Param<String> MODE = Param.oneOf("mode", List.of("full", "quick"), "integrity_check or quick_check.",
            "quick").byDefault("full");
    static final Param<Boolean> FOREIGN_KEYS = Param.bool("foreign_keys", "Also run foreign_key_check.", "false")
            .byDefault("true");

    static final Output<Boolean> OK = Output.bool("ok", "Whether every check passed.");
    static final Output<String> RESULT = Output.string("result", "What the checks reported.");

    private static final ActionSpec SPEC = ActionSpec.define("sqlite.integrity", "Run PRAGMA integrity_check (or "
                    + "quick_check) and foreign_key_check. An empty, truncated or non-database file fails with its "
                    + "reason.")
            .readOnly()
            .params(DB, MODE, FOREIGN_KEYS)
            .outputs(OK, RESULT)
            .plan("check integrity of {db}")
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "integrity ok now"
                : "fails its integrity check now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        IntegrityCheck.Mode mode = context.get(MODE).equals("quick") ? IntegrityCheck.Mode.QUICK
                : IntegrityCheck.Mode.FULL;
        IntegrityCheck.Result result = IntegrityCheck.run(context.path(DB), mode, context.get(FOREIGN_KEYS));
        Outputs outputs = new Outputs().put(OK, result.ok()).put(RESULT, result.result());
        return result.ok() ? Outcome.ok(outputs.map()) : Outcome.failed(result.result(), outputs.map());
    }
}
