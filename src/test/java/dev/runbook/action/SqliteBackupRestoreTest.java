package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.support.SqliteFiles;
import dev.runbook.support.StepHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sqlite.backup and sqlite.restore on real files, with real python3 processes holding them. */
class SqliteBackupRestoreTest {

    /** Commits into a WAL-mode database and dies without closing: the rows live only in the -wal. */
    private static final String CRASH_AFTER_COMMIT = """
            import os, sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("INSERT INTO items (name) VALUES ('only in the wal')")
            c.commit()
            print("ready", flush=True)
            os._exit(0)
            """;

    @TempDir
    Path dir;

    private StepHarness steps;
    private Path current;
    private Path backup;
    private Process child;

    @BeforeEach
    void setUp() {
        steps = new StepHarness(dir);
        backup = SqliteFiles.items(dir.resolve("backup.db"), 100);
        SqliteFiles.create(backup, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
                "INSERT INTO alembic_version VALUES ('aaa111')");
        Path data = dir.resolve("data");
        current = SqliteFiles.items(data.resolve("tmws.db"), 300);
        SqliteFiles.create(current, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
                "INSERT INTO alembic_version VALUES ('ccc333')");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (child != null) {
            SqliteFiles.end(child);
        }
    }

    private StepResult restore(String extra, boolean dryRun) {
        return steps.action("sqlite.restore", "{ from: backup.db, to: data/tmws.db" + extra + " }", dryRun);
    }

    @Test
    void restoreSwapsTheBackupInAndKeepsTheCurrentDatabaseWithItsWal() throws Exception {
        SqliteFiles.end(SqliteFiles.python(current, CRASH_AFTER_COMMIT));
        assertThat(Path.of(current + "-wal")).exists();

        StepResult result = restore(", keep_current_as: data/tmws.db.failed-phase4", false);

        assertThat(result.status()).as(result.error()).isEqualTo(StepStatus.SUCCEEDED);
        Path kept = dir.resolve("data/tmws.db.failed-phase4");
        assertThat(result.outputs()).containsEntry("kept_as", kept.toString());
        assertThat(SqliteFiles.rows(current, "SELECT count(*) FROM items")).containsExactly("Integer:100");
        assertThat(SqliteFiles.rows(current, "SELECT version_num FROM alembic_version")).containsExactly(
                "String:aaa111");
        // A self-contained backup comes back byte for byte (the seed's cp): its manifest checksum holds.
        assertThat(SqliteFiles.sha256(current)).isEqualTo(SqliteFiles.sha256(backup));
        // No stale WAL beside the restored database, and nothing staged left behind.
        assertThat(Path.of(current + "-wal")).doesNotExist();
        assertThat(names(dir.resolve("data"))).allMatch(n -> !n.contains(".restore-"));
        // The kept database, opened under its new name, still has the row that was only in its WAL.
        assertThat(Path.of(kept + "-wal")).exists();
        assertThat(SqliteFiles.rows(kept, "SELECT count(*) FROM items")).containsExactly("Integer:301");
        assertThat(SqliteFiles.rows(kept, "SELECT name FROM items WHERE id = 301"))
                .containsExactly("String:only in the wal");
    }

    @Test
    void aBackupWhoseWalHoldsCommittedRowsIsRestoredWithThoseRows() throws Exception {
        SqliteFiles.end(SqliteFiles.python(backup, CRASH_AFTER_COMMIT));
        assertThat(Path.of(backup + "-wal")).exists();

        StepResult result = restore(", keep_current_as: data/tmws.db.failed-phase4", false);

        assertThat(result.status()).as(result.error()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(SqliteFiles.rows(current, "SELECT count(*) FROM items")).containsExactly("Integer:101");
        assertThat(Path.of(current + "-wal")).doesNotExist();
    }

    @Test
    void restoreRefusesWhileAnotherProcessHoldsAWriteTransaction() throws Exception {
        String before = SqliteFiles.sha256(current);
        child = SqliteFiles.python(current, SqliteFiles.HOLD_WRITE_LOCK);

        StepResult result = restore(", keep_current_as: data/kept.db", false);

        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.error()).contains("tmws.db is in use: pid " + child.pid() + " has it open for writing: ")
                .contains("python3 -c import sqlite3, sys c = sqlite3.connect(")
                .contains("a connection holds the database's write lock").endsWith("stop it first (process.stop)");
        assertThat(SqliteFiles.sha256(current)).isEqualTo(before);
        assertThat(dir.resolve("data/kept.db")).doesNotExist();

        // The dry run says the same, and once the writer is gone the restore goes through.
        assertThat(restore("", true).effects()).anyMatch(e -> e.startsWith("would refuse: ") && e.contains("in use"));
        SqliteFiles.end(child);
        child = null;
        assertThat(restore(", keep_current_as: data/kept.db", false).status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void withoutKeepCurrentAsTheCurrentDatabaseGoesToTheForensicsFolder() {
        StepResult result = restore("", false);
        Path kept = steps.forensics().resolve("s").resolve("tmws.db");
        assertThat(result.outputs()).containsEntry("kept_as", kept.toString());
        assertThat(SqliteFiles.rows(kept, "SELECT version_num FROM alembic_version")).containsExactly("String:ccc333");
    }

    @Test
    void restoreRefusesToOverwriteAKeptDatabaseOrToUseABadBackup() throws Exception {
        String before = SqliteFiles.sha256(current);
        Files.writeString(dir.resolve("data/taken"), "earlier forensics");
        assertThat(restore(", keep_current_as: data/taken", false).error())
                .contains("taken already exists: pick another keep_current_as");
        assertThat(Files.readString(dir.resolve("data/taken"))).isEqualTo("earlier forensics");

        Files.write(backup, new byte[0]);
        assertThat(restore(", keep_current_as: data/kept.db", false).error())
                .contains("the backup is not usable: ").contains("is empty (0 bytes)");
        assertThat(SqliteFiles.sha256(current)).isEqualTo(before);
        assertThat(dir.resolve("data/kept.db")).doesNotExist();
    }

    @Test
    void restorePreviewShowsBothDatabasesAndChangesNothing() throws Exception {
        String before = SqliteFiles.sha256(current);
        List<String> files = names(dir.resolve("data"));

        StepResult result = restore(", keep_current_as: data/tmws.db.failed-phase4", true);

        assertThat(result.effects()).anySatisfy(e -> assertThat(e).startsWith("backup ").contains("backup.db: ")
                .contains(" pages, integrity ok, Alembic at aaa111"));
        assertThat(result.effects()).anySatisfy(e -> assertThat(e).startsWith("current ")
                .contains("KiB, ").contains("integrity ok, Alembic at ccc333"));
        assertThat(result.effects()).contains("would keep the current database (with its -wal/-shm/-journal) as "
                + dir.resolve("data/tmws.db.failed-phase4"), "would swap the backup in; Alembic ccc333 -> aaa111");
        assertThat(SqliteFiles.sha256(current)).isEqualTo(before);
        assertThat(names(dir.resolve("data"))).isEqualTo(files);
    }

    @Test
    void backupCopiesALiveWalDatabaseIncludingUncheckpointedRows() throws Exception {
        SqliteFiles.end(SqliteFiles.python(current, CRASH_AFTER_COMMIT));

        StepResult result = steps.action("sqlite.backup", "{ db: data/tmws.db, to: backups/pre/tmws.db.backup }",
                false);

        assertThat(result.status()).as(result.error()).isEqualTo(StepStatus.SUCCEEDED);
        Path copy = dir.resolve("backups/pre/tmws.db.backup");
        assertThat(result.outputs()).containsEntry("path", copy.toString()).containsEntry("bytes", Files.size(copy));
        assertThat((Long) result.outputs().get("pages")).isEqualTo(Files.size(copy) / 4096);
        assertThat(SqliteFiles.rows(copy, "SELECT name FROM items WHERE id = 301"))
                .containsExactly("String:only in the wal");
        assertThat(names(dir.resolve("backups/pre"))).containsExactly("tmws.db.backup");
    }

    @Test
    void backupNeverReplacesAFileAndItsPreviewDescribesTheSource() throws Exception {
        Path existing = Files.writeString(Files.createDirectories(dir.resolve("backups")).resolve("old.db"), "keep me");
        StepResult refused = steps.action("sqlite.backup", "{ db: data/tmws.db, to: backups/old.db }", false);
        assertThat(refused.error()).endsWith("old.db already exists; a backup never replaces one (pick a new name)");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        StepResult preview = steps.action("sqlite.backup", "{ db: data/tmws.db, to: backups/new.db }", true);
        assertThat(preview.effects()).anySatisfy(e -> assertThat(e).contains("tmws.db: ")
                .contains("integrity ok, Alembic at ccc333"));
        assertThat(preview.effects()).contains("would copy it with the online backup API to "
                + dir.resolve("backups/new.db") + " (new file)");
        assertThat(dir.resolve("backups/new.db")).doesNotExist();
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
