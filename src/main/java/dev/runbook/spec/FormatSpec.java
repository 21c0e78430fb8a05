package dev.runbook.spec;

import static dev.runbook.spec.Field.optional;
import static dev.runbook.spec.Field.required;
import static dev.runbook.spec.Field.withDefault;

import java.util.List;

/**
 * The keys of the runbook format v1, declared once: the reader checks against them, and the JSON
 * Schema and docs are generated from them. {@code with}, {@code verify} and {@code undo} are typed
 * loosely here; their real shape comes from the action registry.
 */
public final class FormatSpec {

    public static final int VERSION = 1;
    public static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";
    public static final String NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";

    public static final ValueType ON_ERROR = ValueType.choice("abort", "continue", "rollback");

    public static final ValueType PARAM_TYPE =
            ValueType.choice("string", "int", "bool", "path", "duration", "enum");

    public static final List<Field> RETRY = List.of(
            withDefault("attempts", ValueType.INT, "1", "How many times to try in all (1 = no retry).", "3"),
            withDefault("delay", ValueType.DURATION, "0s", "Pause before the second attempt.", "2s"),
            withDefault("backoff", ValueType.NUMBER, "1", "Each later pause is the previous one times this.", "2"));

    public static final ValueType RETRY_TYPE = new ValueType.Obj("retry", RETRY);

    public static final List<Field> PARAM = List.of(
            withDefault("type", PARAM_TYPE, "string", "The value's type; -p values are checked against it.", "path"),
            optional("default", ValueType.ANY, "Value when -p does not set it; may use {{ params.* }} of earlier params.",
                    "\"{{ params.app_dir }}/backups\""),
            optional("required", ValueType.BOOL, "Must be given; true by default when there is no default.", "false"),
            withDefault("secret", ValueType.BOOL, "false", "Shown as *** in every output, log, journal row and report.", "true"),
            optional("description", ValueType.STRING, "What the parameter is for.", "TMWS checkout"),
            optional("values", ValueType.STRINGS, "The allowed values of an enum parameter.", "[soft, hard]"));

    public static final List<Field> SCENARIO = List.of(
            optional("title", ValueType.STRING, "Human name of the scenario.", "Database corruption"),
            optional("description", ValueType.STRING, "When to choose this scenario.", "Only the database is damaged"),
            required("steps", ValueType.STRINGS, "Steps to run; the steps they need are pulled in.", "[stop, restore-db]"));

    public static final List<Field> DEFAULTS = List.of(
            optional("timeout", ValueType.DURATION, "Timeout of every step that sets none.", "5m"),
            optional("retry", RETRY_TYPE, "Retry of every step that sets none.", "{ attempts: 2, delay: 1s }"),
            optional("on_error", ON_ERROR, "on_error of every step that sets none.", "rollback"));

    public static final List<Field> ACTION_CALL = List.of(
            required("action", ValueType.STRING, "The action to run.", "file.restore"),
            optional("with", new ValueType.MapOf(ValueType.ANY), "The action's arguments.", "{ from: a, to: b }"),
            optional("title", ValueType.STRING, "What this does, for people.", "Put the old config back"),
            optional("when", ValueType.EXPRESSION, "Undo only when this is true (e.g. the step kept something aside); "
                    + "otherwise recorded as skipped.", "\"{{ steps.config.outputs.kept_as != '' }}\""));

    private static final Field ID = required("id", ValueType.STRING,
            "Unique name: letters, digits, '.', '-', '_'. Used by needs, scenarios and steps['<id>'].", "restore-db");

    private static final List<Field> STEP_COMMON = List.of(
            optional("title", ValueType.STRING, "What the step does, for people.", "Restore the database"),
            required("action", ValueType.STRING, "The action to run (see docs/ACTIONS.md).", "sqlite.restore"),
            optional("with", new ValueType.MapOf(ValueType.ANY), "The action's arguments; values may be templates.",
                    "{ from: \"{{ vars.backup }}\" }"),
            optional("when", ValueType.EXPRESSION, "Run only when this is true; otherwise recorded as skipped.",
                    "\"{{ params.mode == 'full' }}\""),
            optional("retry", RETRY_TYPE, "Try again after a failure.", "{ attempts: 3, delay: 2s, backoff: 2 }"),
            optional("timeout", ValueType.DURATION, "Ends the step's whole process tree, then fails it.", "10m"),
            optional("on_error", ON_ERROR, "abort (default), continue, or rollback (undo completed steps).", "rollback"),
            optional("verify", new ValueType.ListOf(ValueType.ANY, false),
                    "Checks run right after the step, each '- ACTION: { ...with }'; one failing fails the step.",
                    "[ { sqlite.integrity: { db: data/app.db } } ]"),
            optional("confirm", ValueType.STRING, "Ask before running (true, or the question to ask).",
                    "\"Reset to {{ params.commit }}?\""),
            withDefault("readonly", ValueType.BOOL, "false", "The step changes nothing: it also runs in a dry run.", "true"),
            optional("idempotent", ValueType.BOOL, "Safe to run again if a crash interrupted it (resume).", "true"));

    public static final List<Field> STEP = concat(List.of(ID,
            optional("needs", ValueType.STRINGS, "Steps that must finish first; without it, the step before.",
                    "[stop, verify-backup]")),
            STEP_COMMON,
            List.of(optional("undo", new ValueType.ListOf(ValueType.ANY, true),
                    "Action(s) that reverse this step, run in reverse order on rollback and by 'runbook undo'.",
                    "{ action: file.restore, with: { from: a, to: b } }"),
            optional("undone_by", ValueType.STRING, "An earlier step (one this step needs, directly or not) whose "
                    + "undo also reverses this step's change, e.g. a restore of the whole backup.", "backup")));

    /** on_failure and finally entries: run in list order, so no needs and no undo; id optional. */
    public static final List<Field> HOOK_STEP = concat(List.of(optional("id", ValueType.STRING, ID.description(),
            "collect-forensics")), STEP_COMMON, List.of());

    public static final List<Field> TOP = List.of(
            required("format", ValueType.INT, "Format version; this tool reads 1.", "1"),
            required("name", ValueType.STRING, "Short machine name, used in the journal.", "tmws-phase4-rollback"),
            optional("title", ValueType.STRING, "Human title.", "TMWS Phase 4 emergency rollback"),
            optional("description", ValueType.STRING, "What the runbook is for.", "Restores database and files."),
            optional("lock", ValueType.STRING, "What the run lock is keyed on, a template over params (default: the "
                    + "name and the path parameters' absolute values); runbooks with the same key never run at once.",
                    "\"tmws {{ params.app_dir }}\""),
            withDefault("approval", ValueType.choice("required", "none"), "none", "required: a plan saved from this runbook "
                    + "(run --dry-run --save-plan) is applied only once approved (runbook approve PLAN; docs/PLANS.md).",
                    "required"),
            optional("params", new ValueType.MapOf(new ValueType.Obj("param", PARAM)), "Typed inputs.",
                    "{ app_dir: { type: path, default: \".\" } }"),
            optional("vars", new ValueType.MapOf(ValueType.ANY), "Derived values, templated once per run.",
                    "{ db: \"{{ params.app_dir }}/data/tmws.db\" }"),
            optional("scenarios", new ValueType.MapOf(new ValueType.Obj("scenario", SCENARIO)),
                    "Named entry points (the decision matrix).", "{ database: { steps: [restore-db] } }"),
            optional("defaults", new ValueType.Obj("defaults", DEFAULTS), "Step defaults.", "{ timeout: 5m }"),
            required("steps", new ValueType.ListOf(new ValueType.Obj("step", STEP), false), "The step graph.", "[ ... ]"),
            optional("on_failure", new ValueType.ListOf(new ValueType.Obj("on_failure step", HOOK_STEP), false),
                    "Steps run when the run fails, in order.", "[ ... ]"),
            optional("finally", new ValueType.ListOf(new ValueType.Obj("finally step", HOOK_STEP), false),
                    "Steps that always run last, in order.", "[ ... ]"));

    private FormatSpec() {
    }

    private static List<Field> concat(List<Field> first, List<Field> middle, List<Field> last) {
        return java.util.stream.Stream.of(first, middle, last).flatMap(List::stream).toList();
    }

    public static List<String> names(List<Field> fields) {
        return fields.stream().map(Field::name).toList();
    }
}
