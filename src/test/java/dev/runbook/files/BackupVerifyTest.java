package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup.verify reports every problem of a damaged backup, also in a dry run. */
class BackupVerifyTest {

    @TempDir
    Path dir;

    static Path backup(Path dir) throws Exception {
        Path app = dir.resolve("app");
        Trees4Test.write(app.resolve("database/tmws.db.backup"), "x".repeat(900_000));
        for (int i = 0; i < 4; i++) {
            Trees4Test.write(app.resolve("migrations/alembic_versions/00" + i + "_rev.py"), "revision = '" + i + "'\n");
        }
        Trees4Test.write(app.resolve("config/alembic.ini"), "[alembic]\nscript_location = migrations\n");
        Selection selection = Selection.of(app, List.of("database", "migrations", "config"), List.of());
        BackupWriter.write(app, selection, dir.resolve("backups"), "pre-phase4", Map.of());
        return dir.resolve("backups/pre-phase4");
    }

    private String steps(Path backup, String expect) {
        return """
                steps:
                  - id: verify
                    action: backup.verify
                    with: { dir: "%s", expect: %s }
                """.formatted(backup, expect);
    }

    @Test
    void aSoundBackupPassesWithItsCountsAndSizes() throws Exception {
        Path backup = backup(dir);
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run(steps(backup,
                "{ min_files: 6, expect_files: 6, present: [database/tmws.db.backup], "
                        + "sizes: { database/tmws.db.backup: { min: 500KB, max: 2MB } } }")), "verify");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("outputs").get("files").asLong()).isEqualTo(6);
        assertThat(done.get("outputs").get("mismatches").asLong()).isZero();
    }

    @Test
    void everyMismatchIsReportedNotTheFirstAndTheDryRunChecksForReal() throws Exception {
        Path backup = backup(dir);
        Files.writeString(backup.resolve("config/alembic.ini"), "[alembic]\nscript_location = migrationZ\n");
        Files.delete(backup.resolve("migrations/alembic_versions/001_rev.py"));
        Files.writeString(backup.resolve("migrations/alembic_versions/099_new.py"), "sneaked in");
        try (RandomAccessFile db = new RandomAccessFile(backup.resolve("database/tmws.db.backup").toFile(), "rw")) {
            db.setLength(400_000);
        }
        String expect = "{ min_files: 20, sizes: { database/tmws.db.backup: { min: 500KB, max: 2MB } } }";
        for (String mode : List.of("--dry-run", "--yes")) {
            JsonNode done = Cli4Test.finished(new Cli4Test(dir).run(steps(backup, expect), mode), "verify");
            // The dry run checks for real; a check that does not hold is the gate's "would fail".
            assertThat(done.get("status").asText()).as(mode).isEqualTo(mode.equals("--dry-run") ? "would fail"
                    : "failed");
            assertThat(done.get("outputs").get("mismatches").asLong()).isEqualTo(6);
            assertThat(done.get("error").asText()).isEqualTo("backup " + backup + " has 6 problems: "
                    + "truncated: 'database/tmws.db.backup' has 400000 of 900000 bytes; "
                    + "missing: 'migrations/alembic_versions/001_rev.py'; "
                    + "checksum: 'config/alembic.ini' differs from the manifest; "
                    + "extra: 'migrations/alembic_versions/099_new.py' is not in the manifest; "
                    + "count: 5 files, expected at least 20; "
                    + "size: 'database/tmws.db.backup' is 391 KiB (400000 bytes), expected at least 488 KiB and at most 1.9 MiB");
        }
    }

    @Test
    void aFolderWithoutManifestIsOneClearProblem() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run(steps(dir.resolve("empty"), "{}")), "verify");
        assertThat(done.get("error").asText()).isEqualTo("backup " + dir.resolve("empty") + " has 1 problem: backup "
                + dir.resolve("empty") + " has no checksum list: looked for SHA256SUMS, *.sha256, *.sha256sum and files "
                + "of sha256sum lines, found no files at its top; hint: write one in the backup folder (find . -type f "
                + "! -name SHA256SUMS -print0 | xargs -0 sha256sum > SHA256SUMS), name yours with manifest:, or check "
                + "without checksums with checksums: none");
    }
}
