package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner, group, the whole mode (setuid, setgid, sticky), mtime and hard links through backup.create
 * and backup.restore / file.restore, as root (files are given to uid 1234).
 */
class MetadataKeptTest {

    private static final Instant WHEN = Instant.parse("2025-10-08T10:30:45Z");

    @TempDir
    Path dir;

    private Path app;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Ownership.currentUid() == 0, "giving files to uid 1234 needs root");
        app = dir.resolve("app");
        Trees4Test.write(app.resolve("bin/tool"), "#!/bin/sh\necho tool\n");
        set(app.resolve("bin/tool"), 1234, 1234, 04755);
        Files.createDirectories(app.resolve("shared/tmp"));
        set(app.resolve("shared/tmp"), 1234, 1234, 01777);
        set(app.resolve("shared"), 1234, 2000, 02775);
        Trees4Test.write(app.resolve("shared/data.bin"), "one file, two names\n");
        set(app.resolve("shared/data.bin"), 1234, 1234, 0640);
        Files.createLink(app.resolve("shared/alias.bin"), app.resolve("shared/data.bin"));
        Files.setLastModifiedTime(app.resolve("bin/tool"), FileTime.from(WHEN));
    }

    @Test
    void backupAndRestoreKeepOwnerSpecialBitsMtimeAndHardLinks() throws Exception {
        JsonNode created = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: backup
                    action: backup.create
                    with: { root: "%s", paths: [bin, shared], to: "%s", name: b1 }
                """.formatted(app, dir.resolve("backups"))), "backup");
        assertThat(created.get("status").asText()).as(created.toString()).isEqualTo("succeeded");
        assertThat(created.get("outputs").get("metadata_not_kept").size()).isZero();
        Path backup = dir.resolve("backups/b1");
        assertThat(Ownership.of(backup.resolve("bin/tool"))).isEqualTo(new Ownership.Owner(1234, 1234, 04755));
        assertThat(Ownership.of(backup.resolve("shared/tmp"))).isEqualTo(new Ownership.Owner(1234, 1234, 01777));
        assertThat(Ownership.of(backup.resolve("shared"))).isEqualTo(new Ownership.Owner(1234, 2000, 02775));
        assertThat(sameFile(backup.resolve("shared/data.bin"), backup.resolve("shared/alias.bin"))).isTrue();
        assertThat(Files.readString(backup.resolve("METADATA.json"))).contains("\"mode\" : \"4755\"")
                .contains("\"uid\" : 1234").contains("\"hard_link_of\" : \"shared/alias.bin\"");

        // What an upgrade run as root does to it: owner, bits and links lost.
        for (String path : new String[] {"bin/tool", "shared/tmp", "shared", "shared/data.bin"}) {
            set(app.resolve(path), 0, 0, Files.isDirectory(app.resolve(path)) ? 0777 : 0755);
        }
        Files.delete(app.resolve("shared/alias.bin"));
        Files.copy(app.resolve("shared/data.bin"), app.resolve("shared/alias.bin"));
        Files.writeString(app.resolve("bin/tool"), "#!/bin/sh\necho upgraded\n");

        JsonNode restored = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s" }
                """.formatted(backup, app)), "restore");

        assertThat(restored.get("status").asText()).as(restored.toString()).isEqualTo("succeeded");
        assertThat(restored.get("outputs").get("metadata_not_kept").size()).isZero();
        assertThat(Ownership.of(app.resolve("bin/tool"))).isEqualTo(new Ownership.Owner(1234, 1234, 04755));
        assertThat(Files.getLastModifiedTime(app.resolve("bin/tool")).toInstant()).isEqualTo(WHEN);
        assertThat(Ownership.of(app.resolve("shared/tmp"))).isEqualTo(new Ownership.Owner(1234, 1234, 01777));
        assertThat(Ownership.of(app.resolve("shared"))).isEqualTo(new Ownership.Owner(1234, 2000, 02775));
        assertThat(Ownership.of(app.resolve("shared/data.bin"))).isEqualTo(new Ownership.Owner(1234, 1234, 0640));
        assertThat(sameFile(app.resolve("shared/data.bin"), app.resolve("shared/alias.bin"))).isTrue();
    }

    @Test
    void fileRestoreOfAFolderKeepsOwnersBitsAndLinks() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("restored")).resolve("shared");
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: restore
                    action: file.restore
                    with: { from: "%s", to: "%s" }
                """.formatted(app.resolve("shared"), copy)), "restore");

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(Ownership.of(copy)).isEqualTo(new Ownership.Owner(1234, 2000, 02775));
        assertThat(Ownership.of(copy.resolve("tmp"))).isEqualTo(new Ownership.Owner(1234, 1234, 01777));
        assertThat(sameFile(copy.resolve("data.bin"), copy.resolve("alias.bin"))).isTrue();
    }

    @Test
    void aHardLinkAcrossTwoRestoredUnitsCannotBeKeptAndTheOutputAndTheReportSaySo() throws Exception {
        Trees4Test.write(app.resolve("conf/settings.ini"), "shared settings\n");
        Files.createLink(app.resolve("bin/settings.ini"), app.resolve("conf/settings.ini"));
        JsonNode created = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: backup
                    action: backup.create
                    with: { root: "%s", paths: [bin, conf], to: "%s", name: b3 }
                """.formatted(app, dir.resolve("backups"))), "backup");
        assertThat(created.get("status").asText()).as(created.toString()).isEqualTo("succeeded");
        Files.writeString(app.resolve("bin/tool"), "changed\n");
        Files.writeString(app.resolve("conf/other.ini"), "new\n");

        Cli4Test cli = new Cli4Test(dir);
        java.util.List<JsonNode> events = cli.run("""
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s" }
                """.formatted(dir.resolve("backups/b3"), app));
        JsonNode restored = Cli4Test.finished(events, "restore");

        assertThat(restored.get("status").asText()).as(restored.toString()).isEqualTo("succeeded");
        assertThat(restored.get("outputs").get("metadata_not_kept").toString())
                .contains("conf/settings.ini: hard link to bin/settings.ini (restored in another unit: copied) not kept");
        String runId = events.stream().filter(e -> e.has("run")).findFirst().orElseThrow().get("run").asText();
        java.io.StringWriter out = new java.io.StringWriter();
        int code = dev.runbook.cli.Main.execute(new String[] {"report", runId, "--state", dir.resolve("state").toString(),
            "--format", "markdown"}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("**restore could not keep**")
                .contains("- conf/settings.ini: hard link to bin/settings.ini");
    }

    @Test
    void aSparseFileLargerThanTheFreeSpaceIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path sparse = dir.resolve("big/disk.img");
        Files.createDirectories(sparse.getParent());
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(Files.getFileStore(dir).getUsableSpace() + (1L << 40)); // holes only: no blocks
        }
        JsonNode refused = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: backup
                    action: backup.create
                    with: { root: "%s", paths: [disk.img], to: "%s", name: b2 }
                """.formatted(sparse.getParent(), dir.resolve("backups"))), "backup");

        assertThat(refused.get("status").asText()).isEqualTo("failed");
        assertThat(refused.get("error").asText()).startsWith("not enough free space for the backup in ")
                .contains("sparse files count at their full size");
        try (var left = Files.list(dir.resolve("backups"))) {
            assertThat(left).isEmpty();
        }
    }

    private static boolean sameFile(Path a, Path b) throws Exception {
        return Files.isSameFile(a, b) && !Files.isSymbolicLink(a) && !Files.isSymbolicLink(b);
    }

    private static void set(Path path, int uid, int gid, int mode) throws Exception {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }
}
