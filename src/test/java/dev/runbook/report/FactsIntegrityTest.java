package dev.runbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.support.SqliteFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integrity fact of a failure report: "ok" for a sound database, the problems of a damaged one, unchanged bytes. */
class FactsIntegrityTest {

    @TempDir
    Path dir;

    @Test
    void aDamagedDatabaseIsRecordedWithItsProblemsAndLeftAsItWas() throws Exception {
        Path sound = SqliteFiles.items(dir.resolve("sound.db"), 3000);
        Path damaged = SqliteFiles.items(dir.resolve("damaged.db"), 3000);
        int rootPage = number(SqliteFiles.rows(damaged, "SELECT rootpage FROM sqlite_master WHERE name = 'items'"));
        int pageSize = number(SqliteFiles.rows(damaged, "PRAGMA page_size"));
        try (RandomAccessFile file = new RandomAccessFile(damaged.toFile(), "rw")) {
            file.seek((long) (rootPage - 1) * pageSize + 12);  // the root page's cell pointers, as a torn write
            file.write(new byte[256]);
        }
        String before = SqliteFiles.sha256(damaged);

        List<Map<String, Object>> facts = Facts.collect(dir, List.of(), List.of(),
                List.of("sound.db", "damaged.db", "missing.db"), List.of());

        assertThat(facts).extracting(f -> f.get("name")).containsExactly("integrity of sound.db",
                "integrity of damaged.db", "integrity of missing.db");
        assertThat(facts).extracting(f -> f.get("kind")).containsOnly("sqlite_integrity");
        assertThat(facts.get(0).get("value")).isEqualTo("ok");
        assertThat((String) facts.get(1).get("value")).isNotEqualTo("ok").doesNotStartWith("unavailable")
                .isNotEmpty();
        assertThat((String) facts.get(2).get("value")).startsWith("unavailable: no file");
        assertThat(SqliteFiles.sha256(damaged)).isEqualTo(before);
        assertThat(Files.exists(dir.resolve("missing.db"))).isFalse();
    }

    /** SqliteFiles.rows writes a value as "Integer:5". */
    private static int number(List<String> rows) {
        return Integer.parseInt(rows.get(0).substring(rows.get(0).indexOf(':') + 1));
    }
}
