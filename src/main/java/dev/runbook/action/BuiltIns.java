package dev.runbook.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one list of built-in actions, in the order docs/ACTIONS.md lists them. Adding an action is
 * one class, its name in {@link #NAMES} and one line in {@link #make}. The registry of declarations
 * and the implementations both come from here.
 *
 * <p>An action is made, and its class with its declaration initialised, only when its name is first
 * asked for: making all of them was ~45 ms of CPU in every command, most of it for actions the
 * runbook does not use (a fleet host starts one JVM per run). BuiltInsTest checks that every name
 * makes the action that declares it, and nothing else.
 */
final class BuiltIns {

    static final List<String> NAMES = List.of(
            "exec", "http.check",
            "process.stop", "process.start",
            "backup.create", "backup.find", "backup.verify", "backup.restore",
            "file.restore", "forensics.collect", "file.check", "json.set",
            "disk.check",
            "sqlite.backup", "sqlite.restore", "sqlite.integrity", "sqlite.query", "sqlite.dump",
            "alembic.current", "alembic.history", "alembic.downgrade", "alembic.upgrade",
            "git.status", "git.tag", "git.checkout", "git.reset", "git.restore", "git.log",
            "assert", "wait", "confirm", "report.render");

    private static final Map<String, BuiltIn> MADE = new ConcurrentHashMap<>();

    private BuiltIns() {
    }

    static Optional<BuiltIn> named(String name) {
        return NAMES.contains(name) ? Optional.of(MADE.computeIfAbsent(name, BuiltIns::make)) : Optional.empty();
    }

    static List<BuiltIn> all() {
        return NAMES.stream().map(name -> named(name).orElseThrow()).toList();
    }

    private static BuiltIn make(String name) {
        return switch (name) {
            case "exec" -> new Exec();
            case "http.check" -> new HttpCheck();
            case "process.stop" -> new ProcessStop();
            case "process.start" -> new ProcessStart();
            case "backup.create" -> new BackupCreate();
            case "backup.find" -> new BackupFind();
            case "backup.verify" -> new BackupVerify();
            case "backup.restore" -> new BackupRestore();
            case "file.restore" -> new FileRestore();
            case "forensics.collect" -> new ForensicsCollect();
            case "file.check" -> new FileCheck();
            case "json.set" -> new JsonSet();
            case "disk.check" -> new DiskCheck();
            case "sqlite.backup" -> new SqliteBackup();
            case "sqlite.restore" -> new SqliteRestore();
            case "sqlite.integrity" -> new SqliteIntegrity();
            case "sqlite.query" -> new SqliteQuery();
            case "sqlite.dump" -> new SqliteDump();
            case "alembic.current" -> new AlembicCurrent();
            case "alembic.history" -> new AlembicHistory();
            case "alembic.downgrade" -> new AlembicDowngrade();
            case "alembic.upgrade" -> new AlembicUpgrade();
            case "git.status" -> new GitStatus();
            case "git.tag" -> new GitTag();
            case "git.checkout" -> new GitCheckout();
            case "git.reset" -> new GitReset();
            case "git.restore" -> new GitRestore();
            case "git.log" -> new GitLog();
            case "assert" -> new Assert();
            case "wait" -> new Wait();
            case "confirm" -> new Confirm();
            case "report.render" -> new ReportRender();
            default -> throw new IllegalArgumentException("no built-in action " + name);
        };
    }
}
