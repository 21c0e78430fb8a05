package dev.runbook.action;

import static dev.runbook.action.ActionSpec.define;

import dev.runbook.spec.ValueType;
import java.util.List;

/** Flow control and reporting: assertions, pauses, manual gates, reports. */
final class ControlActions {

    private ControlActions() {
    }

    static List<ActionSpec> all() {
        return List.of(
                define("assert", "Fail unless an expression over params, vars and step outputs is true.")
                        .readOnly()
                        .required("that", ValueType.EXPRESSION, "The condition.",
                                "\"{{ steps['count'].outputs.rows > 0 }}\"")
                        .optional("message", ValueType.STRING, "What to say when it is false.",
                                "\"no revision recorded\"")
                        .plan("assert {that}")
                        .build(),
                define("wait", "Pause for a while (a dry run does not wait).")
                        .readOnly()
                        .preview(PreviewKind.SIMULATED)
                        .required("duration", ValueType.DURATION, "How long.", "3s")
                        .optional("reason", ValueType.STRING, "Why, for the log.", "\"graceful shutdown\"")
                        .plan("wait {duration}[ ({reason})]")
                        .build(),
                define("confirm", "A manual gate: ask on the terminal (default No); without a terminal the run "
                        + "stops unless --yes.")
                        .readOnly()
                        .preview(PreviewKind.SIMULATED)
                        .required("prompt", ValueType.STRING, "The question.", "\"Backup verified. Restore now?\"")
                        .plan("ask: {prompt}")
                        .build(),
                define("report.render", "Render a report template (templates/ in the working directory, then "
                        + "the bundled ones; or a path) over this run's journal into a file; an existing file is "
                        + "kept as FILE.~N~. See docs/TEMPLATES.md.")
                        .idempotent()
                        .required("template", ValueType.STRING, "Template name in templates/, or a path.",
                                "failure-report.md.peb")
                        .required("to", ValueType.PATH, "The file to write.",
                                "\"{{ run.forensics }}/FAILURE_REPORT.md\"")
                        .optional("git", ValueType.PATHS, "Repositories whose HEAD to record as facts.", "[.]")
                        .optional("alembic", ValueType.PATHS, "SQLite databases whose alembic revision to record "
                                + "as facts.", "[data/tmws.db]")
                        .optional("integrity", ValueType.PATHS, "SQLite databases whose PRAGMA integrity_check "
                                + "result to record as facts (ok, or the first problems).",
                                "[data/tmws.db.failed-phase4]")
                        .optional("checksums", ValueType.PATHS, "Files whose SHA-256 to record as facts.",
                                "[data/tmws.db, alembic.ini]")
                        .output("path", "path", "The written file.")
                        .output("kept_as", "path", "Where the file it replaced was kept (empty when none).")
                        .output("facts", "list", "The facts collected: name, kind, subject, value each.")
                        .output("run_status", "string", "The run's status the report describes (what it "
                                + "will end as, when rendered in on_failure or finally); a resume that ends "
                                + "otherwise marks the report superseded.")
                        .plan("render {template} to {to}")
                        .build());
    }
}
