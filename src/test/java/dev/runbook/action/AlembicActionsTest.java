package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.support.AlembicProjects;
import dev.runbook.support.SqliteFiles;
import dev.runbook.support.StepHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** alembic.* against the real alembic command, real migrations and a real SQLite database. */
class AlembicActionsTest {

    @TempDir
    Path dir;

    private StepHarness steps;
    private AlembicProjects project;
    private List<String> r;

    @BeforeEach
    void setUp() throws Exception {
        project = AlembicProjects.migrated(dir.resolve("app"), 4);
        r = project.revisions();
        steps = new StepHarness(dir);
    }

    private StepResult alembic(String action, String with, boolean dryRun) {
        return steps.action("alembic." + action, "{ cwd: app" + with + " }", dryRun);
    }

    private List<String> recorded() {
        return SqliteFiles.rows(project.db(), "SELECT version_num FROM alembic_version");
    }

    @Test
    void currentAndHistoryComeFromTheRealCommand() {
        StepResult current = alembic("current", "", false);
        assertThat(current.status()).as(current.error()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(current.outputs()).containsEntry("revision", r.get(3));
        // Read-only: a dry run really runs it.
        assertThat(alembic("current", ", db: data/app.db", true).outputs()).containsEntry("revision", r.get(3));

        StepResult history = alembic("history", ", config: alembic.ini", false);
        assertThat(history.outputs()).containsEntry("revisions", List.of(r.get(3), r.get(2), r.get(1), r.get(0)))
                .containsEntry("head", r.get(3));
    }

    @Test
    void downgradePreviewListsWhatWouldBeUndoneAndChangesNothing() {
        String before = SqliteFiles.sha256(project.db());
        StepResult preview = alembic("downgrade", ", target: " + r.get(0).substring(0, 6), true);
        assertThat(preview.effects()).containsExactly(
                "would undo 3 revisions, " + r.get(3) + " -> " + r.get(0) + ":",
                "  undo " + r.get(3) + ": create table t4",
                "  undo " + r.get(2) + ": create table t3",
                "  undo " + r.get(1) + ": add email to t1 and create t2");
        assertThat(preview.outputs()).containsEntry("before", r.get(3)).containsEntry("after", r.get(0));
        assertThat(SqliteFiles.sha256(project.db())).isEqualTo(before);
    }

    @Test
    void downgradeOneStepThenToARevisionThenUpgradeToHead() {
        StepResult one = alembic("downgrade", ", target: \"-1\"", false);
        assertThat(one.status()).as(one.error()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(one.outputs()).containsEntry("before", r.get(3)).containsEntry("after", r.get(2));
        assertThat(recorded()).containsExactly("String:" + r.get(2));
        assertThat(SqliteFiles.rows(project.db(), "SELECT name FROM sqlite_master WHERE name = 't4'")).isEmpty();

        assertThat(alembic("downgrade", ", target: " + r.get(0), false).outputs()).containsEntry("after", r.get(0));
        assertThat(SqliteFiles.rows(project.db(), "SELECT name FROM pragma_table_info('t1')"))
                .containsExactly("String:id");

        StepResult preview = alembic("upgrade", "", true);
        assertThat(preview.effects()).containsExactly("would apply 3 revisions, " + r.get(0) + " -> " + r.get(3) + ":",
                "  apply " + r.get(1) + ": add email to t1 and create t2", "  apply " + r.get(2) + ": create table t3",
                "  apply " + r.get(3) + ": create table t4");
        StepResult up = alembic("upgrade", ", target: head", false);
        assertThat(up.outputs()).containsEntry("before", r.get(0)).containsEntry("after", r.get(3));
        assertThat(recorded()).containsExactly("String:" + r.get(3));
    }

    @Test
    void downgradeToBaseLeavesNoRevision() {
        StepResult base = alembic("downgrade", ", target: base", false);
        assertThat(base.outputs()).containsEntry("before", r.get(3)).containsEntry("after", "");
        assertThat(recorded()).isEmpty();
        assertThat(alembic("current", "", false).outputs()).containsEntry("revision", "");
        assertThat(alembic("upgrade", ", target: \"+1\"", true).effects()).containsExactly(
                "would apply 1 revision, base -> " + r.get(0) + ":", "  apply " + r.get(0) + ": create table t1");
    }

    @Test
    void targetsThatCannotBeReachedAreRefusedBeforeAlembicRuns() {
        String before = SqliteFiles.sha256(project.db());
        alembic("downgrade", ", target: \"-1\"", false);
        String after = SqliteFiles.sha256(project.db());
        assertThat(after).isNotEqualTo(before);
        assertThat(alembic("downgrade", ", target: head", false).error())
                .isEqualTo("'head' is " + r.get(3) + ", above the current revision " + r.get(2)
                        + "; use alembic.upgrade");
        assertThat(alembic("downgrade", ", target: \"-9\"", false).error()).startsWith("'-9' goes past the base");
        assertThat(alembic("upgrade", ", target: nosuch", false).error())
                .startsWith("no revision 'nosuch' in the migration scripts (known: " + r.get(0) + ", ");
        assertThat(alembic("upgrade", ", config: missing.ini", false).error())
                .startsWith("Alembic config " + dir.resolve("app/missing.ini") + " not found");
        assertThat(SqliteFiles.sha256(project.db())).isEqualTo(after);
    }

    @Test
    void aRunThatLeavesTheDatabaseElsewhereThanTheTargetFails() throws Exception {
        // 'db' names a copy alembic does not touch: alembic succeeds, the verification must not.
        Files.copy(project.db(), dir.resolve("app/data/copy.db"));
        StepResult result = alembic("downgrade", ", target: \"-1\", db: data/copy.db", false);
        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.error()).isEqualTo("alembic downgrade " + r.get(2) + " exited 0 but the database is at "
                + r.get(3) + ", not " + r.get(2));
    }

    @Test
    void aFailingMigrationFailsTheStepWithAlembicsLastWords() throws Exception {
        Path script = Files.list(project.root().resolve("migrations/versions"))
                .filter(p -> p.getFileName().toString().startsWith(r.get(3))).findFirst().orElseThrow();
        Files.writeString(script, Files.readString(script).replace("    op.drop_table('t4')",
                "    raise RuntimeError('t4 cannot go')"));
        StepResult result = alembic("downgrade", ", target: \"-1\"", false);
        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.error()).startsWith("alembic downgrade " + r.get(2) + " failed (exit 1): ")
                .contains("RuntimeError: t4 cannot go").endsWith("; now at " + r.get(3));
    }
}
