package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.support.SqliteFiles;
import dev.runbook.support.StepHarness;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sqlite.integrity and sqlite.query on real files, sound and damaged, through the engine. */
class SqliteChecksTest {

    @TempDir
    Path dir;

    private StepHarness steps;
    private Path db;

    @BeforeEach
    void setUp() {
        steps = new StepHarness(dir);
        db = SqliteFiles.items(dir.resolve("app.db"), 5000);
    }

    private StepResult integrity(String file, String extra) {
        return steps.action("sqlite.integrity", "{ db: " + file + extra + " }", false);
    }

    @Test
    void aSoundDatabaseIsOkInBothModes() {
        StepResult full = integrity("app.db", "");
        assertThat(full.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(full.outputs()).containsEntry("ok", true).containsEntry("result", "ok");
        assertThat(integrity("app.db", ", mode: quick").outputs()).containsEntry("ok", true);
    }

    @Test
    void anEmptyFileIsNotOk() throws Exception {
        Files.createFile(dir.resolve("empty.db"));
        StepResult result = integrity("empty.db", "");
        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.outputs()).containsEntry("ok", false);
        assertThat(result.error()).endsWith("empty.db is empty (0 bytes): not a database");
    }

    @Test
    void aTruncatedFileFailsSayingHowShortItIs() throws Exception {
        long size = Files.size(db);
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            file.setLength(size / 2);
        }
        StepResult result = integrity("app.db", "");
        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.error()).contains("app.db is truncated: " + size / 2 + " bytes, but its header says");
    }

    @Test
    void flippedBitsInsideAPageAreFound() throws Exception {
        int pageSize = 4096;
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            // The items table's root page (page 2) is an interior page: scramble its cell pointers.
            file.seek(pageSize + 12);
            for (int i = 0; i < 8; i++) {
                file.write(0xA5);
            }
        }
        StepResult result = integrity("app.db", "");
        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.outputs()).containsEntry("ok", false);
        assertThat(result.error()).contains("app.db").isNotEqualTo("ok");
        assertThat(integrity("app.db", ", mode: quick").status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void aFileThatIsNoDatabaseFailsSayingSo() throws Exception {
        Files.writeString(dir.resolve("notes.db"), "these are notes, not a database\n".repeat(200));
        StepResult result = integrity("notes.db", "");
        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.error()).contains("notes.db is not an SQLite database");
    }

    @Test
    void aMissingFileFailsAndIsNotCreated() {
        StepResult result = integrity("missing.db", "");
        assertThat(result.error()).endsWith("missing.db does not exist");
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }

    @Test
    void foreignKeyViolationsFailUnlessSwitchedOff() {
        SqliteFiles.create(db, "INSERT INTO tags VALUES (999999, 'orphan')");
        StepResult result = integrity("app.db", "");
        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.error()).contains("foreign key violation: tags row 1 refers to a missing row of items");
        assertThat(integrity("app.db", ", foreign_keys: false").status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void integrityRunsForRealInADryRun() throws Exception {
        Files.createFile(dir.resolve("empty.db"));
        StepResult result = steps.action("sqlite.integrity", "{ db: empty.db }", true);
        assertThat(result.status()).as("a probe that fails in a dry run: the gate's 'would fail'")
                .isEqualTo(StepStatus.WOULD_FAIL);
        assertThat(result.error()).contains("is empty (0 bytes)");
    }

    @Test
    void queryExpectationsHoldOrFailWithWhatCameBack() {
        StepResult counted = steps.action("sqlite.query",
                "{ db: app.db, sql: \"SELECT count(*) FROM items\", expect_rows: 1, expect_value: \"5000\" }", false);
        assertThat(counted.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(counted.outputs()).containsEntry("rows", 1L).containsEntry("value", "5000");

        StepResult wrongValue = steps.action("sqlite.query",
                "{ db: app.db, sql: \"SELECT name FROM items WHERE id = 1\", expect_value: other }", false);
        assertThat(wrongValue.error()).endsWith("returned \"item 0 \", expected \"other\"");

        StepResult wrongCount = steps.action("sqlite.query",
                "{ db: app.db, sql: \"SELECT id FROM items WHERE id <= 3\", expect_rows: 1 }", false);
        assertThat(wrongCount.error()).endsWith("returned 3 rows, expected 1");

        assertThat(steps.action("sqlite.query", "{ db: app.db, sql: \"SELECT * FROM tags\", expect_empty: true }",
                false).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(steps.action("sqlite.query", "{ db: app.db, sql: \"SELECT * FROM items\", expect_empty: true }",
                false).error()).contains("returned 5000 rows, expected none (first: 1)");
    }

    @Test
    void queryNeverWrites() {
        String before = SqliteFiles.sha256(db);
        StepResult result = steps.action("sqlite.query", "{ db: app.db, sql: \"DELETE FROM items RETURNING id\" }",
                false);
        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.error()).contains("readonly");
        assertThat(SqliteFiles.sha256(db)).isEqualTo(before);
    }
}
