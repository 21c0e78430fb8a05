package dev.runbook.action;

import java.util.List;

/**
 * The one list of built-in actions, in the order docs/ACTIONS.md lists them. Adding an action is
 * one class and one line here. The registry of declarations and the implementations both come
 * from this list.
 */
final class BuiltIns {

    private BuiltIns() {
    }

    static final List<BuiltIn> ALL = List.of(
            new Exec(), new HttpCheck(),
            new ProcessStop(), new ProcessStart(),
            new BackupCreate(), new BackupFind(), new BackupVerify(), new BackupRestore(),
            new FileRestore(), new ForensicsCollect(), new FileCheck(), new JsonSet(),
            new DiskCheck(),
            new SqliteBackup(), new SqliteRestore(), new SqliteIntegrity(), new SqliteQuery(), new SqliteDump(),
            new AlembicCurrent(), new AlembicHistory(), new AlembicDowngrade(), new AlembicUpgrade(),
            new GitStatus(), new GitTag(), new GitCheckout(), new GitReset(), new GitRestore(), new GitLog(),
            new Assert(), new Wait(), new Confirm(), new ReportRender());
}
