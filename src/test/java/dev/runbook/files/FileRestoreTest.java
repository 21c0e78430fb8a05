package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file.restore of the TMWS procedure's files and folders, and backup.find. */
class FileRestoreTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsReplacedAndTheFailedOneKeptAsAsked() throws Exception {
        Trees4Test.write(dir.resolve("backups/pre-phase4/config/alembic.ini"), "[alembic]\nversion = 3\n");
        Trees4Test.write(dir.resolve("app/alembic.ini"), "[alembic]\nversion = 4\n");
        String steps = """
                steps:
                  - id: ini
                    action: file.restore
                    with: { from: "%s", to: "%s", keep_current_as: "%s" }
                """.formatted(dir.resolve("backups/pre-phase4/config/alembic.ini"), dir.resolve("app/alembic.ini"),
                dir.resolve("app/alembic.ini.failed-phase4"));
        JsonNode preview = Cli4Test.finished(new Cli4Test(dir).run(steps, "--dry-run"), "ini");
        assertThat(Cli4Test.effects(preview)).contains("would replace alembic.ini (22 B -> 22 B)", "    -version = 4",
                "    +version = 3");
        assertThat(Files.readString(dir.resolve("app/alembic.ini"))).contains("version = 4");

        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run(steps), "ini");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("outputs").get("replaced").asLong()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("app/alembic.ini"))).contains("version = 3");
        assertThat(Files.readString(dir.resolve("app/alembic.ini.failed-phase4"))).contains("version = 4");
        assertThat(dir.resolve("app").resolve(EntryNames.STAGING)).doesNotExist();
    }

    @Test
    void aFolderIsSwappedWithPreservedFilesKept() throws Exception {
        Path source = dir.resolve("backups/pre-phase4/migrations/alembic_versions");
        Path versions = dir.resolve("app/migrations/versions");
        Trees4Test.write(source.resolve("001_init.py"), "revision = '001'\n");
        Trees4Test.write(versions.resolve("001_init.py"), "revision = '001'\n");
        Trees4Test.write(versions.resolve("002_phase4.py"), "revision = '002'\n");
        Trees4Test.write(versions.resolve("local-notes.txt"), "mine\n");
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: migrations
                    action: file.restore
                    with: { from: "%s", to: "%s", preserve: ["local-*"] }
                """.formatted(source, versions)), "migrations");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        try (var files = Files.list(versions)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("001_init.py", "local-notes.txt");
        }
        assertThat(done.get("outputs").get("removed").asLong()).isEqualTo(1);
        Path kept = Path.of(done.get("outputs").get("kept_as").asText());
        assertThat(Files.readString(kept.resolve("002_phase4.py"))).isEqualTo("revision = '002'\n");
    }

    @Test
    void aMirroredFolderKeepsAUserFolderTheSourceLacksWhenItsFilesArePreserved() throws Exception {
        // prAxIs OS phase 2: the release's workflows/ has no local_* workflow of the user's.
        Path release = dir.resolve("release/universal/workflows");
        Path workflows = dir.resolve("praxis/workflows");
        Trees4Test.write(release.resolve("spec_execution_v1/metadata.json"), "{\"version\": \"1.5.0\"}\n");
        Trees4Test.write(workflows.resolve("spec_execution_v1/metadata.json"), "{\"version\": \"1.4.2\"}\n");
        Trees4Test.write(workflows.resolve("retired_v0/metadata.json"), "{}\n");
        Trees4Test.write(workflows.resolve("local_release_checklist/phases/0/phase.md"), "# Freeze\n");
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: workflows
                    action: file.restore
                    with: { from: "%s", to: "%s", preserve: ["local_*/**"] }
                """.formatted(release, workflows)), "workflows");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(Files.readString(workflows.resolve("local_release_checklist/phases/0/phase.md"))).isEqualTo("# Freeze\n");
        assertThat(Files.readString(workflows.resolve("spec_execution_v1/metadata.json"))).contains("1.5.0");
        assertThat(workflows.resolve("retired_v0")).doesNotExist();
    }

    @Test
    void aFolderOfATmwsBackupIsRestoredWithTheManifestAboveIt() throws Exception {
        Path backup = dir.resolve("backups/pre-phase4");
        Trees4Test.write(backup.resolve("config/alembic.ini"), "[alembic]\nversion = 3\n");
        Trees4Test.write(backup.resolve("config/pyproject.toml"), "[project]\n");
        Files.writeString(backup.resolve("BACKUP_MANIFEST.txt"), Sha256Sums.format(new java.util.TreeMap<>(Map.of(
                "config/alembic.ini", Sha256.of(backup.resolve("config/alembic.ini")),
                "config/pyproject.toml", Sha256.of(backup.resolve("config/pyproject.toml"))))));
        Trees4Test.write(dir.resolve("app/alembic.ini"), "[alembic]\nversion = 4\n");
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: config
                    action: backup.restore
                    with: { from: "%s", to: "%s", paths: [alembic.ini, pyproject.toml], manifest: BACKUP_MANIFEST.txt }
                """.formatted(backup.resolve("config"), dir.resolve("app"))), "config");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("outputs").get("replaced").asLong()).isEqualTo(1);
        assertThat(done.get("outputs").get("added").asLong()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("app/alembic.ini"))).contains("version = 3");
        assertThat(Files.readString(dir.resolve("app/pyproject.toml"))).isEqualTo("[project]\n");
    }

    @Test
    void backupFindPicksTheNewestTimestampedBackup() throws Exception {
        for (String name : List.of("2025-10-07-090000", "2025-10-08-103045", "notes", ".2025-10-09-000000.partial-1")) {
            Files.createDirectories(dir.resolve("backups").resolve(name));
        }
        List<JsonNode> events = new Cli4Test(dir).run("""
                steps:
                  - { id: newest, action: backup.find, with: { dir: "%s" } }
                  - { id: oldest, action: backup.find, with: { dir: "%s", pick: oldest } }
                  - { id: none, action: backup.find, with: { dir: "%s", pattern: "2024-*" } }
                """.formatted(dir.resolve("backups"), dir.resolve("backups"), dir.resolve("backups")), "--dry-run");
        assertThat(Cli4Test.finished(events, "newest").get("outputs").get("name").asText()).isEqualTo("2025-10-08-103045");
        assertThat(Cli4Test.finished(events, "oldest").get("outputs").get("name").asText()).isEqualTo("2025-10-07-090000");
        assertThat(Cli4Test.finished(events, "none").get("error").asText()).isEqualTo("no backup in "
                + dir.resolve("backups") + " is named like 2024-*");
    }
}
