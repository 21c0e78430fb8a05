package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file.check, json.set and disk.check on real files and the real filesystem. */
class FileJsonDiskTest {

    @TempDir
    Path dir;

    private InspectFixture fixture;
    private Path versions;
    private Path session;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new InspectFixture(dir);
        versions = Files.createDirectories(fixture.work.resolve("migrations/versions"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(versions.resolve("00" + i + ".py"), "revision = '00" + i + "'\n");
        }
        Files.createDirectories(versions.resolve("__pycache__"));
        Files.writeString(versions.resolve("__pycache__/001.pyc"), "x");
        session = fixture.work.resolve("state/session.json");
        Files.createDirectories(session.getParent());
        Files.writeString(session, "{\n  \"metadata\" : {\n    \"status\" : \"active\",\n    \"attempt\" : 2\n  },\n"
                + "  \"name\" : \"upgrade\"\n}\n");
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void fileCheckCountsFilesAndReportsEveryUnmetExpectation() throws Exception {
        Outcome folder = fixture.run("file.check", args("path", "migrations/versions", "files", "3", "min_files", "4"));
        Outcome wrong = fixture.run("file.check", args("path", "migrations/versions", "files", "12", "min_files", "20"));

        assertThat(folder.ok()).isTrue();
        assertThat(folder.outputs()).containsEntry("exists", true).containsEntry("files", 3L);
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.message()).isEqualTo(versions + " holds 3 files, expected 12; holds 4 files in all, "
                + "expected at least 20");
    }

    @Test
    void fileCheckSizesTextAndExistence() throws Exception {
        Path file = versions.resolve("001.py");
        assertThat(fixture.run("file.check", args("path", file.toString(), "min_size", "10", "max_size", "1KB",
                "contains", "'001'")).ok()).isTrue();
        Outcome bad = fixture.run("file.check", args("path", file.toString(), "min_size", "500KB", "contains", "002"));
        assertThat(bad.message()).isEqualTo(file + " is 17 bytes, smaller than 500000; does not contain \"002\"");
        assertThat(bad.outputs()).containsEntry("size", 17L);

        assertThat(fixture.run("file.check", args("path", "gone.db", "exists", "false")).ok()).isTrue();
        assertThat(fixture.run("file.check", args("path", "gone.db")).ok()).isTrue(); // only reports
        assertThat(fixture.run("file.check", args("path", "gone.db")).outputs()).containsEntry("exists", false);
        assertThat(fixture.run("file.check", args("path", "gone.db", "min_size", "1")).message())
                .isEqualTo(fixture.work.resolve("gone.db") + " does not exist");
        assertThat(fixture.run("file.check", args("path", file.toString(), "exists", "false")).message())
                .isEqualTo(file + " exists, expected it not to");
        assertThat(fixture.run("file.check", args("path", "migrations", "contains", "x")).message())
                .endsWith("migrations is a folder, expected a file");
    }

    @Test
    void fileCheckPreviewRunsTheCheck() throws Exception {
        Preview preview = fixture.preview("file.check", args("path", "migrations/versions", "files", "2"));
        assertThat(preview.kind()).isEqualTo(PreviewKind.PROBED);
        assertThat(preview.effects()).containsExactly("check fails now: " + versions + " holds 3 files, expected 2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonSetWritesAtomicallyKeepsThePreviousFileAndKeepsTypes() throws Exception {
        String before = Files.readString(session);
        Files.setPosixFilePermissions(session, PosixFilePermissions.fromString("rw-------"));

        Outcome outcome = fixture.run("json.set", args("file", "state/session.json", "set", args(
                "metadata.status", "rolled_back", "metadata.attempt", "3", "metadata.rolled_back_at",
                "2025-01-02T03:04:05Z", "metadata.notes.reason", "phase 4 failed", "dry", "false")));

        Path kept = fixture.work.resolve("state/session.json.before-r1");
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.outputs()).containsEntry("kept_as", kept.toString());
        assertThat((Map<String, Object>) outcome.outputs().get("previous")).containsEntry("metadata.status", "active")
                .containsEntry("metadata.attempt", 2).containsEntry("metadata.rolled_back_at", null);
        assertThat(Files.readString(kept)).isEqualTo(before);
        assertThat(Files.readString(session).replaceAll("\\s", "")).isEqualTo("{\"metadata\":{\"status\":"
                + "\"rolled_back\",\"attempt\":3,\"rolled_back_at\":\"2025-01-02T03:04:05Z\",\"notes\":{\"reason\":"
                + "\"phase4failed\"}},\"name\":\"upgrade\",\"dry\":false}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rw-------");
        try (var leftovers = Files.list(session.getParent())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("session.json",
                    "session.json.before-r1");
        }
    }

    @Test
    void jsonSetChangesOnlyTheFieldsItSetsAndKeepsTheFilesLayoutAndKeyOrder() throws Exception {
        // Written by hand: 4-space indents, "key": value spacing, keys out of order, a one-line object,
        // an array laid out its own way, unicode, and no newline at the end.
        Path file = fixture.work.resolve("state/hand.json");
        Files.writeString(file, "{\n    \"zeta\": 1,\n    \"metadata\": {\n        \"status\": \"active\",\n"
                + "        \"tags\": [ \"a\",  \"b\" ],\n        \"attempt\": 2\n    },\n"
                + "    \"inline\": {\"x\":1,\"y\":\"\u00e9t\u00e9\"},\n    \"alpha\": null\n}");
        Outcome outcome = fixture.run("json.set", args("file", "state/hand.json", "set", args(
                "metadata.status", "rolled_back", "metadata.rolled_back_at", "2025-01-02T03:04:05Z",
                "inline.y", "hiver", "inline.z", "true", "notes.reason", "phase 4", "alpha", "3")));
        assertThat(outcome.ok()).isTrue();
        assertThat(Files.readString(file)).isEqualTo("{\n    \"zeta\": 1,\n    \"metadata\": {\n"
                + "        \"status\": \"rolled_back\",\n        \"tags\": [ \"a\",  \"b\" ],\n        \"attempt\": 2,\n"
                + "        \"rolled_back_at\": \"2025-01-02T03:04:05Z\"\n    },\n"
                + "    \"inline\": {\"x\":1,\"y\":\"hiver\", \"z\":true},\n    \"alpha\": 3,\n"
                + "    \"notes\": {\n        \"reason\": \"phase 4\"\n    }\n}");

        // Jackson's own default style (space before the colon, 2 spaces) is kept the same way.
        fixture.run("json.set", args("file", "state/session.json", "set", args("metadata.status", "done")));
        assertThat(Files.readString(session)).isEqualTo("{\n  \"metadata\" : {\n    \"status\" : \"done\",\n"
                + "    \"attempt\" : 2\n  },\n  \"name\" : \"upgrade\"\n}\n");

        Path empty = fixture.work.resolve("state/empty.json");
        Files.writeString(empty, "{}\n");
        fixture.run("json.set", args("file", "state/empty.json", "set", args("a.b", "1", "c", "x")));
        // Nothing to follow in an empty object: a file of several lines gets two-space members.
        assertThat(Files.readString(empty)).isEqualTo("{\n  \"a\": {\n    \"b\": 1\n  },\n  \"c\": \"x\"\n}\n");
        Path oneLine = fixture.work.resolve("state/one-line.json");
        Files.writeString(oneLine, "{\"b\":{}}");
        fixture.run("json.set", args("file", "state/one-line.json", "set", args("b.c", "1", "a", "[1,2]")));
        assertThat(Files.readString(oneLine)).isEqualTo("{\"b\":{\"c\": 1}, \"a\":\"[1,2]\"}");
        // A byte order mark (Windows editors write one) stays, and the file is still edited in place.
        Path marked = fixture.work.resolve("state/bom.json");
        Files.writeString(marked, "\uFEFF{\r\n\t\"status\": \"active\"\r\n}\r\n");
        fixture.run("json.set", args("file", "state/bom.json", "set", args("status", "done", "meta.by", "ops")));
        assertThat(Files.readString(marked)).isEqualTo("\uFEFF{\r\n\t\"status\": \"done\",\r\n\t\"meta\": {\r\n"
                + "\t\t\"by\": \"ops\"\r\n\t}\r\n}\r\n");
    }

    @Test
    void jsonSetWithNothingToChangeWritesNothingAndASecondChangeKeepsBothOlderFiles() throws Exception {
        Outcome same = fixture.run("json.set", args("file", "state/session.json", "set", args("name", "upgrade")));
        assertThat(same.outputs()).containsEntry("kept_as", "");
        assertThat(session.resolveSibling("session.json.before-r1")).doesNotExist();

        fixture.run("json.set", args("file", "state/session.json", "set", args("name", "one")));
        fixture.run("json.set", args("file", "state/session.json", "set", args("name", "two")));
        assertThat(Files.readString(session.resolveSibling("session.json.before-r1"))).contains("\"upgrade\"");
        assertThat(Files.readString(session.resolveSibling("session.json.before-r1.2"))).contains("\"one\"");
        assertThat(Files.readString(session)).contains("\"two\"");
    }

    @Test
    void jsonSetRefusesBadInputAndLeavesTheFileUntouched() throws Exception {
        String before = Files.readString(session);
        assertThatThrownBy(() -> fixture.run("json.set", args("file", "state/session.json", "set",
                args("name.first", "x")))).hasMessage("cannot set name.first in " + session + ": name is string, "
                + "not an object");
        Files.writeString(fixture.work.resolve("broken.json"), "{\n  \"a\": 1,\n}\n");
        assertThatThrownBy(() -> fixture.run("json.set", args("file", "broken.json", "set", args("a", "2"))))
                .hasMessageStartingWith(fixture.work.resolve("broken.json") + " is not valid JSON (line 3, column 1): ");
        assertThatThrownBy(() -> fixture.run("json.set", args("file", "new.json", "set", args("a", "2"))))
                .hasMessage(fixture.work.resolve("new.json") + " does not exist; set create: true to create it");
        assertThat(Files.readString(session)).isEqualTo(before);
        assertThat(fixture.work.resolve("new.json")).doesNotExist();

        assertThat(fixture.run("json.set", args("file", "new.json", "create", "true", "set", args("a.b", "2")))
                .outputs()).containsEntry("kept_as", "");
        assertThat(Files.readString(fixture.work.resolve("new.json")).replaceAll("\\s", "")).isEqualTo("{\"a\":{\"b\":2}}");
    }

    @Test
    void jsonSetPreviewShowsOldAndNewValues() throws Exception {
        Preview preview = fixture.preview("json.set", args("file", "state/session.json", "set",
                args("metadata.status", "rolled_back", "name", "upgrade")));

        assertThat(preview.effects()).containsExactly("would rewrite " + session + ", keeping the current one beside it",
                "would set metadata.status: \"active\" -> \"rolled_back\"");
        assertThat(Files.readString(session)).contains("\"active\"");
    }

    @Test
    void diskCheckComparesFreeSpaceWithASizeOrABackup() throws Exception {
        FileStore store = Files.getFileStore(dir);
        long free = store.getUsableSpace();

        Outcome enough = fixture.run("disk.check", args("path", "not/yet/created", "min_free", "1KB"));
        assertThat(enough.ok()).isTrue();
        assertThat((Long) enough.outputs().get("free_bytes")).isBetween(free / 2, free * 2);
        assertThat(enough.outputs()).containsEntry("needed_bytes", 1000L);

        Outcome backup = fixture.run("disk.check", args("path", ".", "for_backup", "migrations"));
        assertThat(backup.ok()).isTrue();
        assertThat(backup.outputs()).containsEntry("needed_bytes", 52L);

        Outcome tooMuch = fixture.run("disk.check", args("path", ".", "min_free", "1000TB"));
        assertThat(tooMuch.ok()).isFalse();
        assertThat(tooMuch.message()).startsWith("only ").contains(" free at " + fixture.work.toAbsolutePath()
                + ", 909 TiB needed (min_free)");
        assertThatThrownBy(() -> fixture.run("disk.check", args("path", ".", "for_backup", "backups/none")))
                .hasMessage("for_backup " + fixture.work.resolve("backups/none") + " does not exist; name the backup "
                        + "folder or file whose size must fit");
    }
}
