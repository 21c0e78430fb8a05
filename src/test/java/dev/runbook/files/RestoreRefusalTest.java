package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each refusal: a one-line reason, the target byte-for-byte as it was, no staging left behind. */
class RestoreRefusalTest {

    @TempDir
    Path dir;

    Path backup;
    Path target;
    Map<String, String> before;

    @BeforeEach
    void setUp() throws Exception {
        backup = Praxis4Test.installAndBackUp(dir);
        Praxis4Test.drift(dir);
        target = dir.resolve(".praxis-os");
        before = Trees4Test.snapshot(target);
    }

    private String refusal(String extra) throws Exception {
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s"%s }
                """.formatted(backup, target, extra)), "restore");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("failed");
        assertThat(Trees4Test.snapshot(target)).isEqualTo(before);
        assertThat(target.resolve(EntryNames.STAGING)).doesNotExist();
        assertThat(done.get("error").asText()).doesNotContain("\n");
        return done.get("error").asText();
    }

    @Test
    void aChecksumMismatch() throws Exception {
        Files.writeString(backup.resolve("config.json"), "{\"version\": \"6.6\"}\n");
        assertThat(refusal("")).isEqualTo("checksum mismatch: 'config.json' in " + backup.resolve("config.json")
                + " differ from the manifest; nothing in the target was changed");
    }

    @Test
    void aMissingFile() throws Exception {
        Files.delete(backup.resolve("mcp_server/b.py"));
        assertThat(refusal("")).isEqualTo("backup " + backup + " does not match its manifest (1 problems: missing: "
                + "'mcp_server/b.py'); nothing in the target was changed");
    }

    @Test
    void anExtraFile() throws Exception {
        Files.writeString(backup.resolve("mcp_server/evil.py"), "import os\n");
        assertThat(refusal("")).isEqualTo("backup " + backup + " does not match its manifest (1 problems: extra: "
                + "'mcp_server/evil.py' is not in the manifest); nothing in the target was changed");
    }

    @Test
    void aTruncatedFile() throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(backup.resolve("mcp_server/a.py").toFile(), "rw")) {
            file.setLength(10);
        }
        assertThat(refusal("")).isEqualTo("backup " + backup + " does not match its manifest (1 problems: truncated: "
                + "'mcp_server/a.py' has 10 of 35 bytes); nothing in the target was changed");
    }

    private void listInManifest(String name) throws Exception {
        Files.writeString(backup.resolve(Manifest.SUMS), "0".repeat(64) + "  " + name + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void anEntryWithDotDot() throws Exception {
        listInManifest("mcp_server/../../outside.txt");
        assertThat(refusal("")).isEqualTo("entry 'mcp_server/../../outside.txt' contains '..' and could escape its root");
    }

    @Test
    void anAbsoluteEntry() throws Exception {
        listInManifest("/etc/cron.d/evil");
        assertThat(refusal("")).isEqualTo("entry '/etc/cron.d/evil' is an absolute path; entries are relative to their root");
    }

    @Test
    void anEntryWithNul() throws Exception {
        listInManifest("mcp_server/a\0.py");
        assertThat(refusal("")).isEqualTo("entry 'mcp_server/a\\0.py' contains a NUL byte");
    }

    @Test
    void anEntryWhoseParentInTheTargetIsASymlinkElsewhere() throws Exception {
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Files.writeString(elsewhere.resolve("a.py"), "not yours");
        Path moved = dir.resolve("mcp_server.real");
        Files.move(target.resolve("mcp_server"), moved);
        Files.createSymbolicLink(target.resolve("mcp_server"), elsewhere);
        before = Trees4Test.snapshot(target);
        assertThat(refusal(", paths: [mcp_server/a.py]")).isEqualTo("entry 'mcp_server/a.py': its parent mcp_server in the "
                + "target is a symlink to " + elsewhere + "; refusing to write through it");
        assertThat(Files.readString(elsewhere.resolve("a.py"))).isEqualTo("not yours");
    }

    @Test
    void notEnoughFreeSpace() throws Exception {
        Path huge = backup.resolve("mcp_server/huge.bin");
        long size = 16L << 40;
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(size);
        } catch (java.io.IOException e) {
            size = 4L << 40;
            try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
                sparse.setLength(size);
            }
        }
        long free = Files.getFileStore(target).getUsableSpace();
        assertThat(free).as("the test needs a backup larger than the free space").isLessThan(size);
        Manifest manifest = Manifest.read(backup, Manifest.SUMS);
        List<Entry> entries = new java.util.ArrayList<>(manifest.entries());
        entries.add(Trees.stat(huge, "mcp_server/huge.bin").orElseThrow().withSha256("0".repeat(64)));
        new Manifest(manifest.roots(), entries).write(backup, "good");
        String error = refusal("");
        assertThat(error).matches("not enough free space to stage the restore at " + java.util.regex.Pattern.quote(
                target.toString()) + ": needs [0-9.]+ TiB, [0-9.]+ (B|[KMGTP]iB) free");
    }

    @Test
    void stagingOnAnotherFilesystem() throws Exception {
        Path shm = Path.of("/dev/shm");
        assertThat(Durable.sameFileSystem(shm, dir)).as("/dev/shm and the temp dir must differ for this test").isFalse();
        Path txDir = Files.createTempDirectory(shm, "stage").resolve(EntryNames.STAGING);
        try {
            Manifest manifest = Manifest.read(backup, Manifest.SUMS);
            List<RestoreUnit> units = BackupSource.units(backup, manifest, manifest.restoreRoots(), target,
                    name -> dir.resolve("kept").resolve(name));
            RestorePlanner planner = new RestorePlanner(name -> false, true);
            List<UnitPlan> plans = new java.util.ArrayList<>();
            for (RestoreUnit unit : units) {
                plans.add(planner.plan(unit));
            }
            assertThatThrownBy(() -> new Restorer(txDir).apply(plans)).isInstanceOf(Refusal.class)
                    .hasMessage("cannot stage mcp_server on the filesystem of " + target + ": staging " + txDir
                            + " is on another filesystem, so the final rename could not be atomic");
            assertThat(txDir).doesNotExist();
            assertThat(Trees4Test.snapshot(target)).isEqualTo(before);
            assertThatThrownBy(() -> Durable.rename(target.resolve("config.json"), txDir.getParent().resolve("x")))
                    .isInstanceOf(Refusal.class).hasMessageContaining("refusing to copy instead");
            assertThat(target.resolve("config.json")).exists();
        } finally {
            Durable.deleteTree(txDir.getParent());
        }
    }
}
