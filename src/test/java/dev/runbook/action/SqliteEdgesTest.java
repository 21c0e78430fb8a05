package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runbook.cli.Main;
import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.files.Ownership;
import dev.runbook.support.SqliteFiles;
import dev.runbook.support.StepHarness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of sqlite.*: owner and mode kept, an empty backup refused, index damage found, no
 * files created beside a database that is only read, nothing left by a killed backup.
 */
class SqliteEdgesTest {

    @TempDir
    Path dir;

    private StepHarness steps() {
        return new StepHarness(dir);
    }

    @Test
    void backupDumpAndRestoreKeepTheDatabasesOwnerAndMode() throws Exception {
        assumeTrue(Ownership.currentUid() == 0, "giving files to uid 1234 needs root");
        Path db = SqliteFiles.items(dir.resolve("data/app.db"), 20);
        owned(db, 1234, 1234, 0600);

        assertThat(steps().action("sqlite.backup", "{ db: data/app.db, to: out/app.db.backup }", false).status())
                .isEqualTo(StepStatus.SUCCEEDED);
        assertThat(Ownership.of(dir.resolve("out/app.db.backup"))).isEqualTo(new Ownership.Owner(1234, 1234, 0600));

        StepResult dump = steps().action("sqlite.dump", "{ db: data/app.db, to: out/app.sql }", false);
        assertThat(dump.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(dump.outputs().get("metadata_not_kept")).isEqualTo(List.of());
        assertThat(Ownership.of(dir.resolve("out/app.sql"))).isEqualTo(new Ownership.Owner(1234, 1234, 0600));

        // A backup owned by root 0644 restored over the app's 1234:1234 0600 database: the restored
        // file is still the app's (the app runs as 1234 and must write it).
        Path backup = SqliteFiles.items(dir.resolve("root-backup.db"), 5);
        owned(backup, 0, 0, 0644);
        StepResult restore = steps().action("sqlite.restore", "{ from: root-backup.db, to: data/app.db, "
                + "keep_current_as: data/app.db.before }", false);
        assertThat(restore.status()).as(restore.error()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(Ownership.of(db)).isEqualTo(new Ownership.Owner(1234, 1234, 0600));
        assertThat(SqliteFiles.rows(db, "SELECT count(*) FROM items")).containsExactly("Integer:5");
    }

    @Test
    void aRestoreRefusesABackupWithoutSchemaOverADatabaseWithOneUnlessAllowed() throws Exception {
        Path current = SqliteFiles.items(dir.resolve("data/app.db"), 50);
        SqliteFiles.create(dir.resolve("empty.db"), "PRAGMA user_version = 7"); // valid, no tables
        String sum = SqliteFiles.sha256(current);

        StepResult refused = steps().action("sqlite.restore", "{ from: empty.db, to: data/app.db }", false);
        assertThat(refused.status()).isEqualTo(StepStatus.FAILED);
        assertThat(refused.error()).contains("has no schema (no tables, a valid but empty database)")
                .contains("has 2 schema objects").contains("allow_empty: true");
        assertThat(SqliteFiles.sha256(current)).isEqualTo(sum);
        StepResult preview = steps().action("sqlite.restore", "{ from: empty.db, to: data/app.db }", true);
        assertThat(preview.effects()).anyMatch(line -> line.startsWith("would refuse: the backup ")
                && line.contains("has no schema"));

        StepResult allowed = steps().action("sqlite.restore", "{ from: empty.db, to: data/app.db, allow_empty: true }",
                false);
        assertThat(allowed.status()).as(allowed.error()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(SqliteFiles.rows(current, "SELECT count(*) FROM sqlite_schema")).containsExactly("Integer:0");
    }

    @Test
    void aRestoreFindsADamagedIndexThatQuickCheckMisses() throws Exception {
        Path backup = dir.resolve("backup.db");
        SqliteFiles.create(backup, "CREATE TABLE t (a INTEGER, b INTEGER)", "CREATE INDEX t_a ON t(a)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                        + "INSERT INTO t SELECT i, 1000 + i FROM n",
                // The index now claims to hold column b, but its entries are a's values.
                "PRAGMA writable_schema = ON",
                "UPDATE sqlite_schema SET sql = 'CREATE INDEX t_a ON t(b)' WHERE name = 't_a'");
        assertThat(SqliteFiles.rows(backup, "PRAGMA quick_check")).containsExactly("String:ok");
        Path current = SqliteFiles.items(dir.resolve("data/app.db"), 10);
        String sum = SqliteFiles.sha256(current);

        StepResult restore = steps().action("sqlite.restore", "{ from: backup.db, to: data/app.db }", false);

        assertThat(restore.status()).isEqualTo(StepStatus.FAILED);
        assertThat(restore.error()).contains("the backup fails its check, nothing was changed").contains("t_a");
        assertThat(SqliteFiles.sha256(current)).isEqualTo(sum);
    }

    @Test
    void checkingAWalDatabaseInABackupCreatesNothingBesideIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("backup/database"));
        Path db = SqliteFiles.items(folder.resolve("app.db"), 30);
        SqliteFiles.create(db, "PRAGMA journal_mode = WAL"); // closed: its -wal and -shm are gone again
        assertThat(names(folder)).containsExactly("app.db");

        StepResult check = steps().action("sqlite.integrity", "{ db: backup/database/app.db }", false);
        StepResult query = steps().action("sqlite.query", "{ db: backup/database/app.db, sql: 'SELECT count(*) FROM items', "
                + "expect_value: '30' }", false);

        assertThat(check.outputs().get("ok")).isEqualTo(true);
        assertThat(query.status()).as(query.error()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(names(folder)).containsExactly("app.db");
    }

    @Test
    void aWalWithCommittedRowsButNoShmIsReadWithThoseRowsAndNoShmAppears() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("backup"));
        Path db = SqliteFiles.items(folder.resolve("app.db"), 3);
        Process writer = SqliteFiles.python(db, """
                import os, sqlite3, sys
                c = sqlite3.connect(sys.argv[1])
                c.execute("PRAGMA journal_mode=WAL")
                c.execute("INSERT INTO items (name) VALUES ('only in the wal')")
                c.commit()
                print("ready", flush=True)
                os._exit(0)
                """);
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.delete(folder.resolve("app.db-shm")); // as a copied backup has it: db and -wal only
        assertThat(Files.size(folder.resolve("app.db-wal"))).isPositive();

        StepResult query = steps().action("sqlite.query", "{ db: backup/app.db, sql: 'SELECT count(*) FROM items', "
                + "expect_value: '4' }", false);

        assertThat(query.status()).as(query.error()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(names(folder)).containsExactly("app.db", "app.db-wal");
    }

    @Test
    void aKilledBackupLeavesNothingBehindAfterTheResume() throws Exception {
        Path db = SqliteFiles.create(dir.resolve("big.db"), "CREATE TABLE b (x BLOB)",
                "INSERT INTO b VALUES (randomblob(40 * 1024 * 1024))", "INSERT INTO b VALUES (randomblob(40 * 1024 * 1024))",
                "INSERT INTO b VALUES (randomblob(40 * 1024 * 1024))");
        Path runbook = dir.resolve("backup.yaml");
        Files.writeString(runbook, """
                format: 1
                name: backup
                steps:
                  - id: copy
                    action: sqlite.backup
                    with: { db: %s, to: %s, integrity: full }
                """.formatted(db, dir.resolve("out/big.db.backup")));
        Files.createDirectories(dir.resolve("out"));
        Process child = startRun(runbook);
        Path temp = awaitTemp(dir.resolve("out"), child);
        child.destroyForcibly(); // SIGKILL: no cleanup runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(temp).as("the killed backup left its temporary file").exists();

        String runId = runId();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"resume", runId, "--state", dir.resolve("state").toString(),
                "--retry-interrupted"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(code).as(err.toString()).isZero();
        assertThat(names(dir.resolve("out"))).containsExactly("big.db.backup");
        assertThat(SqliteFiles.rows(dir.resolve("out/big.db.backup"), "SELECT count(*) FROM b")).containsExactly("Integer:3");
        assertThat(db).exists();
    }

    private Process startRun(Path runbook) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName(),
                "run", runbook.toString(), "--state", dir.resolve("state").toString(), "--yes"));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
    }

    private static Path awaitTemp(Path folder, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> names = Files.list(folder)) {
                Optional<Path> temp = names.filter(p -> p.getFileName().toString().startsWith(".big.db.backup.backup-"))
                        .findFirst();
                if (temp.isPresent()) {
                    return temp.get();
                }
            }
            if (!child.isAlive()) {
                throw new AssertionError("the run ended before the backup began: " + child.exitValue());
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no temporary file appeared");
    }

    private String runId() throws Exception {
        try (dev.runbook.journal.Journal journal = dev.runbook.journal.Journal.open(dir.resolve("state/journal.db"))) {
            return journal.history(1).get(0).id();
        }
    }

    private static void owned(Path file, int uid, int gid, int mode) throws Exception {
        Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(file, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(file, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> names = Files.list(folder)) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
