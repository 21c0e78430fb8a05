package dev.runbook.action;

import static dev.runbook.action.ActionSpec.define;

import dev.runbook.spec.Field;
import dev.runbook.spec.ValueType;
import java.util.List;

/** Alembic migrations through the real alembic command; previews read the scripts and the database. */
final class AlembicActions {

    private static final Field CONFIG = Field.withDefault("config", ValueType.PATH, "alembic.ini",
            "The Alembic config file, relative to cwd.", "alembic.ini");
    private static final Field CWD = Field.withDefault("cwd", ValueType.PATH, ".",
            "Where alembic runs (the project folder).", "\"{{ params.app_dir }}\"");
    private static final Field DB = Field.optional("db", ValueType.PATH,
            "The SQLite database, relative to cwd, read directly for previews and verification (default: "
                    + "the config's sqlite:/// sqlalchemy.url).", "data/tmws.db");
    private static final Field COMMAND = Field.withDefault("alembic", ValueType.ARGV, "[alembic]",
            "The alembic command (a program in a virtualenv is resolved against cwd).",
            "[.venv/bin/alembic]");

    private AlembicActions() {
    }

    static List<ActionSpec> all() {
        return List.of(
                withCommon(define("alembic.current", "Show the database's current revision.").readOnly())
                        .output("revision", "string", "The current revision (empty at base).")
                        .plan("read the Alembic revision[ of {db}]")
                        .build(),
                withCommon(define("alembic.history", "List the migration history, newest first.").readOnly())
                        .output("revisions", "list", "Revision ids, newest first.")
                        .output("head", "string", "The head revision.")
                        .plan("list the Alembic history[ in {cwd}]")
                        .build(),
                withCommon(define("alembic.downgrade", "Downgrade to a revision, a relative step (-1) or base; "
                        + "afterwards alembic_version must equal the target.")
                        .required("target", ValueType.STRING, "Revision id, relative step like -1, or base.", "-1"))
                        .output("before", "string", "Revision before.")
                        .output("after", "string", "Revision after.")
                        .plan("downgrade Alembic to {target}[ ({db})]")
                        .build(),
                withCommon(define("alembic.upgrade", "Upgrade to a revision, a relative step (+1) or head.")
                        .optional("target", ValueType.STRING, "head", "Revision id, relative step like +1, or head.",
                                "head"))
                        .output("before", "string", "Revision before.")
                        .output("after", "string", "Revision after.")
                        .plan("upgrade Alembic to {target}[ ({db})]")
                        .build());
    }

    private static ActionSpec.Builder withCommon(ActionSpec.Builder builder) {
        return builder
                .optional(CONFIG.name(), CONFIG.type(), CONFIG.defaultValue(), CONFIG.description(), CONFIG.example())
                .optional(CWD.name(), CWD.type(), CWD.defaultValue(), CWD.description(), CWD.example())
                .optional(DB.name(), DB.type(), DB.description(), DB.example())
                .optional(COMMAND.name(), COMMAND.type(), COMMAND.defaultValue(), COMMAND.description(),
                        COMMAND.example());
    }
}
