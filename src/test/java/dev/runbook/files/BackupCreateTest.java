package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup.create through the CLI, its manifest checked by the real sha256sum. */
class BackupCreateTest {

    @TempDir
    Path dir;

    Path app;

    @BeforeEach
    void tree() throws Exception {
        app = dir.resolve("app");
        Trees4Test.write(app.resolve("mcp_server/server.py"), "print('hi')\n");
        Trees4Test.write(app.resolve("mcp_server/back\\slash.py"), "x = 1\n");
        Trees4Test.write(app.resolve("mcp_server/new\nline.txt"), "odd\n");
        Trees4Test.write(app.resolve("mcp_server/__pycache__/server.pyc"), "bytecode");
        Trees4Test.write(app.resolve("config.json"), "{\"a\": 1}\n");
        Files.setPosixFilePermissions(app.resolve("config.json"), PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(app.resolve("config.json"), FileTime.from(Instant.parse("2025-10-08T10:30:45Z")));
        Files.createSymbolicLink(app.resolve("mcp_server/link"), Path.of("/etc/hostname"));
        Files.createDirectories(app.resolve("standards/empty"));
    }

    private String steps(String name) {
        return """
                steps:
                  - id: backup
                    action: backup.create
                    with:
                      root: "%s"
                      paths: [mcp_server, config.json, standards]
                      to: "%s"
                      name: %s
                      exclude: ["**/__pycache__", "**/__pycache__/**"]
                      commands: { requirements-snapshot.txt: [echo, "flask==3.0"] }
                """.formatted(app, dir.resolve("backups"), name);
    }

    @Test
    void theManifestPassesTheRealSha256sumAndRecordsMetadata() throws Exception {
        Cli4Test cli = new Cli4Test(dir);
        JsonNode done = Cli4Test.finished(cli.run(steps("pre-phase4")), "backup");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        Path backup = dir.resolve("backups/pre-phase4");
        assertThat(done.get("outputs").get("path").asText()).isEqualTo(backup.toString());
        assertThat(done.get("outputs").get("files").asLong()).isEqualTo(5);

        Process check = new ProcessBuilder("sha256sum", "-c", "--strict", Manifest.SUMS).directory(backup.toFile())
                .redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(said).isZero();
        assertThat(said).contains("config.json: OK", "mcp_server/back\\slash.py: OK", "\\mcp_server/new\\nline.txt: OK",
                "requirements-snapshot.txt: OK").doesNotContain("pycache");
        assertThat(Files.readString(backup.resolve(Manifest.SUMS))).contains("\\" + Sha256.of(
                backup.resolve("mcp_server/new\nline.txt")) + "  mcp_server/new\\nline.txt\n");

        JsonNode metadata = new ObjectMapper().readTree(backup.resolve(Manifest.METADATA).toFile());
        Map<String, JsonNode> byPath = new java.util.HashMap<>();
        metadata.get("entries").forEach(e -> byPath.put(e.get("path").asText(), e));
        assertThat(byPath.get("config.json").get("mode").asText()).isEqualTo("0600");
        assertThat(byPath.get("config.json").get("mtime").asText()).isEqualTo("2025-10-08T10:30:45Z");
        assertThat(byPath.get("config.json").get("size").asLong()).isEqualTo(9);
        assertThat(byPath.get("mcp_server/link").get("type").asText()).isEqualTo("symlink");
        assertThat(byPath.get("mcp_server/link").get("target").asText()).isEqualTo("/etc/hostname");
        assertThat(byPath.get("standards/empty").get("type").asText()).isEqualTo("dir");
        assertThat(Files.isSymbolicLink(backup.resolve("mcp_server/link"))).isTrue();
        assertThat(Files.getLastModifiedTime(backup.resolve("config.json")).toInstant())
                .isEqualTo(Instant.parse("2025-10-08T10:30:45Z"));
        assertThat(Files.readString(backup.resolve("requirements-snapshot.txt"))).isEqualTo("flask==3.0\n");

        String summary = Files.readString(backup.resolve(Manifest.SUMMARY));
        assertThat(summary).startsWith("pre-phase4/\n").contains("- mcp_server/ (3 files)", "- config.json (9 B, 0600)",
                "- link -> /etc/hostname", "5 files, ", "sha256sum -c SHA256SUMS");
        assertThat(BackupChecker.check(backup, Manifest.SUMS).problems()).isEmpty();
    }

    @Test
    void anExistingBackupIsNeverOverwritten() throws Exception {
        Path existing = dir.resolve("backups/pre-phase4");
        Trees4Test.write(existing.resolve("precious.txt"), "keep me");
        Map<String, String> before = Trees4Test.snapshot(existing);
        Cli4Test cli = new Cli4Test(dir);
        JsonNode done = Cli4Test.finished(cli.run(steps("pre-phase4")), "backup");
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("error").asText()).isEqualTo("backup " + existing
                + " already exists; a backup is never overwritten (choose another name)");
        assertThat(Trees4Test.snapshot(existing)).isEqualTo(before);
        try (var left = Files.list(dir.resolve("backups"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("pre-phase4");
        }
    }

    @Test
    void thePartialFolderOfAWriterThatDiedIsRemovedAndALiveOnesIsLeft() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path abandoned = dir.resolve("backups/.2026-11-22-080000.partial-" + gone.pid());
        Path live = dir.resolve("backups/.2026-11-22-080001.partial-" + ProcessHandle.current().pid());
        Trees4Test.write(abandoned.resolve("standards/half.md"), "half a cop");
        Trees4Test.write(live.resolve("standards/now.md"), "being written");

        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run(steps("pre-phase4")), "backup");

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(abandoned).doesNotExist();
        assertThat(live.resolve("standards/now.md")).hasContent("being written");
    }

    @Test
    void theDryRunSaysWhatWouldBeCopiedAndCopiesNothing() throws Exception {
        Cli4Test cli = new Cli4Test(dir);
        JsonNode preview = Cli4Test.finished(cli.run(steps("pre-phase4"), "--dry-run"), "backup");
        List<String> effects = Cli4Test.effects(preview);
        assertThat(preview.get("status").asText()).isEqualTo("previewed");
        assertThat(effects.get(0)).isEqualTo("would copy 4 files (31 B) from " + app + " into " + dir.resolve("backups/pre-phase4"));
        assertThat(effects).contains("  mcp_server: 3 files, 22 B", "  config.json: 1 files, 9 B");
        assertThat(dir.resolve("backups")).doesNotExist();
    }
}
