package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup.restore through the CLI: the dry run's per-file preview, then the real, verified restore. */
class BackupRestoreTest {

    @TempDir
    Path dir;

    Path backup;
    Path target;

    @BeforeEach
    void setUp() throws Exception {
        backup = Praxis4Test.installAndBackUp(dir);
        Praxis4Test.drift(dir);
        target = dir.resolve(".praxis-os");
    }

    private String steps(String extra) {
        return """
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s", preserve: ["workflows/local-*"]%s }
                """.formatted(backup, target, extra);
    }

    @Test
    void theDryRunPreviewsEveryFileWithSizesAndDiffsAndChangesNothing() throws Exception {
        Map<String, String> before = Trees4Test.snapshot(target);
        Map<String, String> backupBefore = Trees4Test.snapshot(backup);
        JsonNode preview = Cli4Test.finished(new Cli4Test(dir).run(steps(""), "--dry-run"), "restore");
        assertThat(preview.get("status").asText()).as(preview.toString()).isEqualTo("previewed");
        List<String> effects = Cli4Test.effects(preview);
        assertThat(effects).contains(
                "would replace mcp_server/a.py (35 B -> 35 B)",
                "    --- a/mcp_server/a.py",
                "    +++ b/mcp_server/a.py",
                "    -    return 2",
                "    +    return 1",
                "would add mcp_server/b.py (6 B)",
                "would remove mcp_server/new.py (11 B; not in the source)",
                "would replace mcp_server/sub/c.sh (17 B -> 17 B; mode 0644 -> 0750)",
                "would leave unchanged mcp_server/current (0 B)",
                "would replace config.json (19 B -> 19 B)",
                "would leave unchanged workflows/std.md (9 B)",
                "would keep workflows/local-mine.md (35 B; preserved)",
                "would keep workflows/local-new.md (22 B; preserved)");
        JsonNode outputs = preview.get("outputs");
        assertThat(outputs.get("added").asLong()).isEqualTo(1);
        assertThat(outputs.get("replaced").asLong()).isEqualTo(3);
        assertThat(outputs.get("removed").asLong()).isEqualTo(1);
        assertThat(outputs.get("unchanged").asLong()).isEqualTo(2);
        assertThat(outputs.get("preserved").asLong()).isEqualTo(2);
        assertThat(Trees4Test.snapshot(target)).isEqualTo(before);
        assertThat(Trees4Test.snapshot(backup)).isEqualTo(backupBefore);
    }

    @Test
    void theRestoreMatchesTheBackupKeepsPreservedFilesAndKeepsTheOldContent() throws Exception {
        Map<String, String> drifted = Trees4Test.snapshot(target);
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run(steps("")), "restore");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");

        Map<String, String> expected = new TreeMap<>(Trees4Test.snapshot(backup));
        Manifest.OWN_FILES.forEach(expected::remove);
        expected.remove("");
        expected.put("workflows/local-mine.md", drifted.get("workflows/local-mine.md"));
        expected.put("workflows/local-new.md", drifted.get("workflows/local-new.md"));
        Map<String, String> restored = Trees4Test.snapshot(target);
        restored.remove("");
        assertThat(restored).isEqualTo(expected);
        assertThat(Files.readSymbolicLink(target.resolve("mcp_server/current"))).isEqualTo(Path.of("sub/c.sh"));
        assertThat(restored.get("config.json")).contains(" " + java.time.Instant.parse("2025-10-08T10:30:45Z").toEpochMilli() + " ");

        Path kept = Path.of(done.get("outputs").get("kept_as").asText());
        assertThat(kept.toString()).contains("forensics").endsWith("restore");
        assertThat(Files.readString(kept.resolve("mcp_server/new.py"))).isEqualTo("NEW = True\n");
        assertThat(Files.readString(kept.resolve("config.json"))).isEqualTo("{\"version\": \"2.0\"}\n");
        assertThat(target.resolve(EntryNames.STAGING)).doesNotExist();

        JsonNode again = Cli4Test.finished(new Cli4Test(dir).run(steps("")), "restore");
        assertThat(again.get("outputs").get("unchanged").asLong()).isEqualTo(6);
        assertThat(again.get("outputs").get("kept_as").asText()).isEmpty();
    }

    @Test
    void withoutTheNativeCallsTheRestoreSwapsByTwoRenamesAndFsyncsEachFile() throws Exception {
        Map<String, String> drifted = Trees4Test.snapshot(target);
        JsonNode done = Cli4Test.finished(new Cli4Test(dir, new RestoreHooks(LinuxCalls.unavailable(),
                Checkpoints.NONE)).run(steps("")), "restore");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        Map<String, String> restored = Trees4Test.snapshot(target);
        assertThat(restored).isNotEqualTo(drifted);
        assertThat(restored.get("mcp_server/b.py")).isEqualTo(Trees4Test.snapshot(backup).get("mcp_server/b.py"));
        assertThat(restored.get("workflows/local-mine.md")).isEqualTo(drifted.get("workflows/local-mine.md"));
        assertThat(target.resolve(EntryNames.STAGING)).doesNotExist();
    }

    @Test
    void aCrashWhilePuttingBackIsCompletedAsAPutBackNotAsTheRestore() throws Exception {
        // Verification fails (a staged file changed before the swap), and the process dies right after
        // the first unit is exchanged back. Recovery must finish putting back: the previous content in
        // the target, what failed verification kept as .failed-restore, and never kept as the previous.
        Map<String, String> drifted = Trees4Test.snapshot(target);
        Path txDir = target.resolve(EntryNames.STAGING);
        Checkpoints tamperThenDie = point -> {
            if (point.equals("staged")) {
                try {
                    Files.writeString(txDir.resolve("stage/0/a.py"), "tampered\n", java.nio.file.StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            if (point.equals("put-back")) {
                throw new IllegalStateException("killed while putting back");
            }
        };
        Manifest manifest = Manifest.read(backup, Manifest.SUMS);
        List<RestoreUnit> units = BackupSource.units(backup, manifest, List.of("mcp_server", "config.json"), target,
                name -> dir.resolve("kept").resolve(name));
        List<UnitPlan> plans = new java.util.ArrayList<>();
        for (RestoreUnit unit : units) {
            plans.add(new RestorePlanner(name -> false, true).plan(unit));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Restorer(txDir, Reuse.none(),
                new RestoreHooks(LinuxCalls.system(), tamperThenDie)).apply(plans)).hasMessage("killed while putting back");
        assertThat(Restorer.recover(txDir)).contains("put back the previous content of a restore that failed "
                + "verification (what was restored is kept as .failed-restore)");
        assertThat(Trees4Test.snapshot(target)).isEqualTo(drifted);
        assertThat(Files.readString(dir.resolve("kept/mcp_server.failed-restore/a.py"))).endsWith("tampered\n");
        assertThat(Files.readString(dir.resolve("kept/config.json.failed-restore"))).isEqualTo("{\"version\": \"1.0\"}\n");
        assertThat(dir.resolve("kept/mcp_server")).doesNotExist();
        assertThat(dir.resolve("kept/config.json")).doesNotExist();
        assertThat(txDir).doesNotExist();
    }

    @Test
    void aSecondFailedRestoreKeptUnderTheSameNameKeepsTheFirst() throws Exception {
        String drifted = Files.readString(target.resolve("config.json"));
        Path staged = target.resolve(EntryNames.STAGING).resolve("stage/0");
        Checkpoints tamper = point -> {
            if (point.equals("staged")) {
                try {
                    Files.writeString(staged, "tampered\n", java.nio.file.StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        String steps = """
                steps:
                  - id: restore
                    action: file.restore
                    with: { from: "%s", to: "%s", keep_current_as: "%s" }
                """.formatted(backup.resolve("config.json"), target.resolve("config.json"), dir.resolve("config.failed"));
        for (int attempt = 1; attempt <= 2; attempt++) {
            JsonNode done = Cli4Test.finished(new Cli4Test(dir, new RestoreHooks(LinuxCalls.system(), tamper))
                    .run(steps), "restore");
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("failed");
            assertThat(done.get("error").asText()).endsWith("the previous content was put back");
        }
        assertThat(Files.readString(target.resolve("config.json"))).isEqualTo(drifted);
        assertThat(Files.readString(dir.resolve("config.failed.failed-restore"))).endsWith("tampered\n");
        assertThat(Files.readString(dir.resolve("config.failed.failed-restore-2"))).endsWith("tampered\n");
    }

    @Test
    void aStagedFileChangedBeforeTheSwapFailsVerificationAndThePreviousContentIsPutBack() throws Exception {
        Map<String, String> drifted = Trees4Test.snapshot(target);
        Checkpoints tamper = point -> {
            if (point.equals("staged")) {
                try (var staged = Files.walk(target.resolve(EntryNames.STAGING).resolve("stage"))) {
                    Path file = staged.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
                    Files.writeString(file, "tampered\n", java.nio.file.StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        JsonNode done = Cli4Test.finished(new Cli4Test(dir, new RestoreHooks(LinuxCalls.system(), tamper))
                .run(steps(", keep_current_as: \"" + dir.resolve("kept") + "\"")), "restore");
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("error").asText()).matches("the restored files do not match what was staged \\(1 problems: "
                + "'a.py' is not what was staged \\(now file \\(dev=\\w+,ino=\\d+\\) size 44 mode 644 mtime \\S+; staged "
                + "file \\(dev=\\w+,ino=\\d+\\) size 35 mode 644 mtime 2025-10-08T10:30:45Z\\)\\); the previous content was put back");
        assertThat(Trees4Test.snapshot(target)).isEqualTo(drifted);
        assertThat(Files.readString(dir.resolve("kept/mcp_server.failed-restore/a.py"))).endsWith("tampered\n");
        assertThat(dir.resolve("kept/config.json.failed-restore")).isRegularFile();
        assertThat(target.resolve(EntryNames.STAGING)).doesNotExist();
    }

    @Test
    void keepCurrentAsAndMirrorOffKeepFilesTheBackupDoesNotHave() throws Exception {
        Path aside = dir.resolve("praxis-os.failed");
        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run(steps(", mirror: false, keep_current_as: \"" + aside
                + "\", paths: [mcp_server]")), "restore");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(Files.readString(target.resolve("mcp_server/new.py"))).isEqualTo("NEW = True\n");
        assertThat(Files.readString(target.resolve("mcp_server/b.py"))).isEqualTo("B = 2\n");
        assertThat(Files.readString(target.resolve("config.json"))).contains("2.0");
        assertThat(Files.readString(aside.resolve("mcp_server/a.py"))).contains("return 2");
        assertThat(done.get("outputs").get("kept_as").asText()).isEqualTo(aside.toString());

        JsonNode refused = Cli4Test.finished(new Cli4Test(dir).run(steps(", keep_current_as: \"" + aside + "\"")), "restore");
        assertThat(refused.get("error").asText()).isEqualTo("keep_current_as " + aside
                + " already exists; it is never overwritten");
    }
}
