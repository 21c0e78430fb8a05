package dev.runbook.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
            new FileRestore(), legacy("forensics.collect"), legacy("file.check"), legacy("json.set"),
            legacy("disk.check"),
            new SqliteBackup(), new SqliteRestore(), new SqliteIntegrity(), new SqliteQuery(), new SqliteDump(),
            new AlembicCurrent(), new AlembicHistory(), new AlembicDowngrade(), new AlembicUpgrade(),
            new GitStatus(), new GitTag(), new GitCheckout(), new GitReset(), new GitRestore(), new GitLog(),
            new Assert(), new Wait(), new Confirm(), new ReportRender());

    /** MIGRATION ONLY: an action still declared in a family's *Actions class and implemented apart. */
    private static BuiltIn legacy(String name) {
        ActionSpec spec = LegacyFamilies.SPECS.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no legacy declaration for " + name));
        Action action = Optional.ofNullable(LegacyFamilies.IMPLEMENTATIONS.get(name))
                .orElseThrow(() -> new IllegalStateException("no legacy implementation for " + name));
        return new BuiltIn() {
            @Override
            public ActionSpec spec() {
                return spec;
            }

            @Override
            public Preview preview(StepContext context) throws ActionException {
                return action.preview(context);
            }

            @Override
            public Outcome run(StepContext context) throws ActionException {
                return action.run(context);
            }
        };
    }

    /** MIGRATION ONLY: the old per-family declarations and implementation maps. */
    private static final class LegacyFamilies {
        static final List<ActionSpec> SPECS = java.util.stream.Stream.of(InspectActions.all())
                .flatMap(List::stream).toList();
        static final Map<String, Action> IMPLEMENTATIONS = merged();

        private static Map<String, Action> merged() {
            Map<String, Action> all = new java.util.HashMap<>();
            all.putAll(InspectImplementations.all());
            return all;
        }
    }
}
