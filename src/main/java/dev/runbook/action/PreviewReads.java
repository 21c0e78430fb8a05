package dev.runbook.action;

/**
 * What an action's preview reads of the world, declared with the action: a saved plan fingerprints
 * exactly that, and checks it again before the step runs (saved.Reads), so the plan knows each
 * action by its declaration rather than by its name.
 */
public enum PreviewReads {
    /** The paths its {@code path} and {@code paths} parameters name (the default): files, folders, databases, backups. */
    PATH_PARAMS,
    /**
     * Nothing a fingerprint can hold: a command (opaque), free space (it moves all the time), what
     * forensics and reports copy or write (logs that grow), a wait, a person's answer.
     */
    NOTHING,
    /** Its {@code repo}: HEAD, branch, index and work tree. */
    GIT_REPOSITORY,
    /** The processes its selectors match, and its pidfile. */
    PROCESSES,
    /** What it would copy: its {@code paths} and {@code sqlite} under {@code root} (globs aside), and {@code to}. */
    BACKUP_SOURCES,
    /** The Alembic project: the database, the config, the migration scripts' folders. */
    ALEMBIC_PROJECT
}
