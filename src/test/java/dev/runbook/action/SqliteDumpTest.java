package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.support.SqliteFiles;
import dev.runbook.support.StepHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sqlite.dump: the text, loaded into a fresh database by python3's sqlite3, gives back the same database. */
class SqliteDumpTest {

    @TempDir
    Path dir;

    @Test
    void theDumpLoadsBackIntoTheSameContents() throws Exception {
        Path db = SqliteFiles.create(dir.resolve("app.db"),
                "CREATE TABLE people (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, score REAL, photo BLOB, "
                        + "note TEXT)",
                "CREATE TABLE \"odd \"\"name\"\"\" (k TEXT PRIMARY KEY, v ANY) WITHOUT ROWID",
                "CREATE TABLE boxes (w INTEGER, h INTEGER, area INTEGER GENERATED ALWAYS AS (w * h) STORED)",
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
                "INSERT INTO alembic_version VALUES ('3c4d5e6f7a8b')",
                "INSERT INTO people (name, score, photo, note) VALUES ('O''Brien', 1.5, x'00ff10', 'two\nlines')",
                "INSERT INTO people (name, score, photo, note) VALUES ('Zoë ✓', 1e300, NULL, '')",
                "INSERT INTO people (name, score, photo, note) VALUES (NULL, -0.1, x'', 'x' || char(0) || 'y')",
                "INSERT INTO people (name, score) VALUES ('big', 9007199254740993)",
                "DELETE FROM people WHERE name = 'big'",
                "INSERT INTO \"odd \"\"name\"\"\" VALUES ('a', 1), ('b', 'text'), ('c', 2.25)",
                "INSERT INTO boxes (w, h) VALUES (2, 3), (4, 5)",
                "CREATE INDEX people_name ON people (name)",
                "CREATE VIEW scored AS SELECT name FROM people WHERE score > 1",
                "CREATE TRIGGER no_empty BEFORE INSERT ON people WHEN NEW.name = '' BEGIN SELECT RAISE(ABORT, 'empty'); END");

        StepResult result = new StepHarness(dir).action("sqlite.dump", "{ db: app.db, to: out/app.sql }", false);

        assertThat(result.status()).as(result.error()).isEqualTo(StepStatus.SUCCEEDED);
        Path sql = dir.resolve("out/app.sql");
        assertThat(result.outputs()).containsEntry("bytes", Files.size(sql));
        String text = Files.readString(sql);
        assertThat(text).startsWith("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n").endsWith("COMMIT;\n");

        Path loaded = dir.resolve("loaded.db");
        Process python = new ProcessBuilder("python3", "-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n"
                + "c.executescript(open(sys.argv[2], encoding='utf-8').read())\nc.close()", loaded.toString(),
                sql.toString()).redirectErrorStream(true).start();
        String pythonOutput = new String(python.getInputStream().readAllBytes());
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(pythonOutput).isZero();

        for (String query : List.of("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name",
                "SELECT *, typeof(score), typeof(photo), hex(note) FROM people ORDER BY id",
                "SELECT *, typeof(v) FROM \"odd \"\"name\"\"\" ORDER BY k", "SELECT * FROM boxes ORDER BY rowid",
                "SELECT * FROM sqlite_sequence", "SELECT * FROM alembic_version", "SELECT * FROM scored")) {
            assertThat(SqliteFiles.rows(loaded, query)).as(query).isEqualTo(SqliteFiles.rows(db, query)).isNotEmpty();
        }
        assertThat(SqliteFiles.rows(loaded, "SELECT seq FROM sqlite_sequence")).containsExactly("Integer:4");
    }

    @Test
    void aDumpNeverReplacesAFile() throws Exception {
        SqliteFiles.items(dir.resolve("app.db"), 3);
        Files.writeString(dir.resolve("taken.sql"), "mine");
        StepResult result = new StepHarness(dir).action("sqlite.dump", "{ db: app.db, to: taken.sql }", false);
        assertThat(result.error()).endsWith("taken.sql already exists; a dump never replaces a file");
        assertThat(Files.readString(dir.resolve("taken.sql"))).isEqualTo("mine");
    }
}
