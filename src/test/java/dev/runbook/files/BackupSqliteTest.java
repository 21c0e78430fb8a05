package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup.create's sqlite: a live WAL database (its latest commits only in the -wal, a writer still
 * connected) and the files around it in one backup and one manifest; backup.verify checks the
 * snapshot and its integrity; a hand-made backup whose database is damaged but matches its
 * checksums fails on integrity.
 */
class BackupSqliteTest {

    @TempDir
    Path dir;

    @Test
    void aLiveWalDatabaseIsSnapshotIntoTheSameBackupAndVerified() throws Exception {
        Path app = dir.resolve("app");
        Files.createDirectories(app.resolve("data"));
        Files.writeString(app.resolve("data/settings.json"), "{\"mode\": \"live\"}\n");
        Files.writeString(app.resolve("config.toml"), "version = 2\n");
        Path db = app.resolve("data/app.db");
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement sql = writer.createStatement()) {
            sql.execute("PRAGMA journal_mode=WAL");
            sql.execute("PRAGMA wal_autocheckpoint=0"); // the rows stay in app.db-wal, as under a busy service
            sql.execute("CREATE TABLE memories (id INTEGER PRIMARY KEY, text TEXT)");
            writer.setAutoCommit(false);
            for (int i = 0; i < 500; i++) {
                sql.execute("INSERT INTO memories (text) VALUES ('memory " + i + "')");
            }
            writer.commit();
            assertThat(app.resolve("data/app.db-wal")).exists();

            Cli4Test cli = new Cli4Test(dir);
            List<JsonNode> events = cli.run("""
                    steps:
                      - id: backup
                        action: backup.create
                        with: { root: "%s", paths: [data, config.toml], sqlite: [data/app.db], to: "%s", name: pre }
                      - id: verify
                        action: backup.verify
                        with: { dir: "{{ steps['backup'].outputs.path }}" }
                    """.formatted(app, dir.resolve("backups")));
            assertThat(Cli4Test.finished(events, "backup").get("status").asText()).as(cli.stderr).isEqualTo("succeeded");
            JsonNode verify = Cli4Test.finished(events, "verify");
            assertThat(verify.get("status").asText()).as(verify.toString()).isEqualTo("succeeded");
            assertThat(verify.get("outputs").get("databases").asInt()).isEqualTo(1);
        }
        Path backup = dir.resolve("backups/pre");
        try (Stream<Path> files = Files.walk(backup)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> backup.relativize(p).toString()))
                    .containsExactlyInAnyOrder("data/app.db", "data/settings.json", "config.toml", "SHA256SUMS",
                            "METADATA.json", "BACKUP_MANIFEST.txt");
        }
        assertThat(Files.readString(backup.resolve("SHA256SUMS"))).contains("  data/app.db\n");
        // Every row, though the writer never checkpointed: a copy of app.db's bytes would have none.
        try (Connection copy = DriverManager.getConnection("jdbc:sqlite:file:" + backup.resolve("data/app.db")
                + "?immutable=1"); ResultSet rows = copy.createStatement().executeQuery("SELECT count(*) FROM memories")) {
            assertThat(rows.getInt(1)).isEqualTo(500);
        }
        Process check = new ProcessBuilder("sha256sum", "-c", "--strict", "SHA256SUMS").directory(backup.toFile())
                .redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(checked).isZero();
    }

    @Test
    void aDamagedDatabaseWhoseChecksumMatchesFailsOnIntegrityInAHandMadeBackup() throws Exception {
        Path backup = Files.createDirectories(dir.resolve("pre-phase4/database"));
        Path db = backup.resolve("tmws.db.backup");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE memories (id INTEGER PRIMARY KEY, text TEXT)");
            c.setAutoCommit(false);
            for (int i = 0; i < 2000; i++) {
                sql.execute("INSERT INTO memories (text) VALUES ('" + "m".repeat(100) + i + "')");
            }
            c.commit();
        }
        try (FileChannel file = FileChannel.open(db, StandardOpenOption.WRITE)) {
            // A torn write in the middle of the table's pages, before the manifest was taken.
            file.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                    (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}), 4096L * 20 + 3);
        }
        Process sums = new ProcessBuilder("sh", "-c", "sha256sum database/tmws.db.backup > BACKUP_MANIFEST.txt")
                .directory(dir.resolve("pre-phase4").toFile()).start();
        assertThat(sums.waitFor()).isZero();

        Cli4Test cli = new Cli4Test(dir);
        JsonNode verify = Cli4Test.finished(cli.run("""
                steps:
                  - id: verify
                    action: backup.verify
                    with: { dir: "%s", manifest: BACKUP_MANIFEST.txt }
                """.formatted(dir.resolve("pre-phase4")), "--dry-run"), "verify");
        assertThat(verify.toString()).contains("integrity: 'database/tmws.db.backup': " + db);
        assertThat(verify.get("outputs").get("databases").asInt()).isEqualTo(1);
        try (Stream<Path> files = Files.list(backup)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing created beside it")
                    .containsExactly("tmws.db.backup");
        }
    }
}
