package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** forensics.collect with real files, folders, links and child processes (the TMWS forensics step). */
class ForensicsCollectTest {

    @TempDir
    Path dir;

    private InspectFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new InspectFixture(dir);
        Files.createDirectories(fixture.work.resolve("data"));
        Files.createDirectories(fixture.work.resolve("migrations/versions"));
        Files.writeString(fixture.work.resolve("data/tmws.db.failed-phase4"), "db bytes");
        Files.writeString(fixture.work.resolve("migrations/versions/001_init.py"), "revision = '001'\n");
        Files.writeString(fixture.work.resolve("migrations/versions/002_phase4.py"), "revision = '002'\n");
        Files.createSymbolicLink(fixture.work.resolve("migrations/versions/latest"), Path.of("002_phase4.py"));
        Files.setLastModifiedTime(fixture.work.resolve("data/tmws.db.failed-phase4"),
                FileTime.from(Instant.parse("2025-01-02T03:04:05Z")));
    }

    @Test
    void commandsRunFromTheCliWhoseWorkingDirectoryIsTheCurrentOne() throws Exception {
        // `runbook run` gives actions the empty path as their working directory.
        Path runbook = dir.resolve("collect.yaml");
        Files.writeString(runbook, """
                format: 1
                name: collect
                steps:
                  - id: collect
                    action: forensics.collect
                    with: { to: "%s", commands: { where.txt: [sh, -c, "echo from $PWD"] } }
                """.formatted(dir.resolve("out")));
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.runbook.cli.Main.execute(new String[] {"run", runbook.toString(), "--state",
                dir.resolve("state").toString()}, new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("out/where.txt")))
                .isEqualTo("from " + Path.of("").toAbsolutePath() + "\n");
        assertThat(Files.readString(dir.resolve("out/MANIFEST.txt"))).doesNotContain("cannot run");
    }

    @Test
    void collectsFilesFoldersAndCommandOutputIntoTheRunsForensicsFolderByDefault() throws Exception {
        Outcome outcome = fixture.run("forensics.collect", Map.of(
                "paths", List.of("data/tmws.db.failed-phase4", "migrations/versions", "logs/tmws.log"),
                "commands", Map.of("processes", List.of("sh", "-c", "echo out; echo err >&2; exit 3"))));

        Path to = fixture.forensics;
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.outputs()).containsEntry("path", to.toString()).containsEntry("collected", 3L)
                .containsEntry("missing", List.of("logs/tmws.log"));
        assertThat(Files.readString(to.resolve("tmws.db.failed-phase4"))).isEqualTo("db bytes");
        assertThat(Files.getLastModifiedTime(to.resolve("tmws.db.failed-phase4")).toInstant())
                .isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(Files.readString(to.resolve("versions/002_phase4.py"))).isEqualTo("revision = '002'\n");
        assertThat(Files.readSymbolicLink(to.resolve("versions/latest"))).isEqualTo(Path.of("002_phase4.py"));
        // stdout and stderr are pumped side by side, so their lines may interleave either way.
        assertThat(Files.readAllLines(to.resolve("processes"))).containsExactlyInAnyOrder("out", "err");
        String manifest = Files.readString(to.resolve("MANIFEST.txt"));
        assertThat(manifest).startsWith("# collected by step step of run r1 at ")
                .contains("\ncopied    tmws.db.failed-phase4 <- " + fixture.work.resolve("data/tmws.db.failed-phase4")
                        + " (1 file(s), 8 bytes)\n")
                .contains("\ncopied    versions <- " + fixture.work.resolve("migrations/versions") + " (3 file(s), ")
                .contains("\nmissing   logs/tmws.log\n")
                .contains("\ncommand   processes <- sh -c echo out; echo err >&2; exit 3 (exit 3 (expected 0), 8 bytes)\n");
        Process check = new ProcessBuilder("sha256sum", "-c", "--strict", "SHA256SUMS").directory(to.toFile())
                .redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(checked).isZero();
        assertThat(checked.lines()).hasSize(4).allMatch(l -> l.endsWith(": OK"));
    }

    @Test
    void aSecondCollectionNeverOverwritesAndAppendsToTheManifest() throws Exception {
        Path to = dir.resolve("forensics/phase4-failure");
        fixture.run("forensics.collect", Map.of("paths", List.of("data/tmws.db.failed-phase4"), "to", to.toString()));
        Files.writeString(fixture.work.resolve("data/tmws.db.failed-phase4"), "changed since");
        fixture.run("forensics.collect", Map.of("paths", List.of("data/tmws.db.failed-phase4"), "to", to.toString()));

        assertThat(Files.readString(to.resolve("tmws.db.failed-phase4"))).isEqualTo("db bytes");
        assertThat(Files.readString(to.resolve("tmws.db.failed-phase4.2"))).isEqualTo("changed since");
        assertThat(Files.readString(to.resolve("MANIFEST.txt")).lines().filter(l -> l.startsWith("# "))).hasSize(2);
    }

    @Test
    void aProgramThatCannotStartIsRecordedNotFatal() throws Exception {
        Outcome outcome = fixture.run("forensics.collect", Map.of("commands",
                Map.of("journal", List.of("no-such-program-4242"))));

        assertThat(outcome.ok()).isTrue();
        assertThat(Files.readString(fixture.forensics.resolve("MANIFEST.txt")))
                .contains("command   journal <- no-such-program-4242 (cannot run no-such-program-4242: ");
    }

    @Test
    void anOutputNameThatIsAPathIsRefused() {
        assertThatThrownBy(() -> fixture.run("forensics.collect", Map.of("commands",
                Map.of("../escape", List.of("true"))))).hasMessage("command output name '../escape' must be a plain "
                + "file name (no '/', not '.' or '..')");
        assertThat(fixture.forensics).doesNotExist();
    }

    @Test
    void collectingTheWorkDirSkipsTheForensicsFolderInsideIt() throws Exception {
        Path to = fixture.work.resolve("forensics");
        Outcome outcome = fixture.run("forensics.collect", Map.of("paths", List.of("."), "to", "forensics"));

        assertThat(outcome.ok()).isTrue();
        assertThat(to.resolve("work/data/tmws.db.failed-phase4")).hasContent("db bytes");
        assertThat(to.resolve("work/forensics")).doesNotExist();
    }

    @Test
    void evidenceFromAnywhereLiesAtTheTopUnderShortNamesWithAnIndexOfWhereEachCameFrom() throws Exception {
        // Absolute paths outside the work dir (a log under /var/log, the run's own forensics folder)
        // and two sources sharing a name: no mirrored /tmp/.../var/log tree, no collision.
        Path elsewhere = Files.createDirectories(dir.resolve("var/log/tmws"));
        Files.writeString(elsewhere.resolve("tmws.log"), "ERROR phase 4\n");
        Path other = Files.createDirectories(dir.resolve("backups/pre-phase4/data"));
        Files.writeString(other.resolve("tmws.db.failed-phase4"), "older db");
        Path to = dir.resolve("evidence");
        Outcome outcome = fixture.run("forensics.collect", Map.of("to", to.toString(), "paths", List.of(
                elsewhere.resolve("tmws.log").toString(), "data/tmws.db.failed-phase4",
                other.resolve("tmws.db.failed-phase4").toString(), elsewhere.toString())));

        assertThat(outcome.ok()).isTrue();
        try (var top = Files.list(to)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("tmws.log",
                    "tmws.db.failed-phase4", "tmws.db.failed-phase4.2", "tmws", "MANIFEST.txt", "SHA256SUMS");
        }
        assertThat(to.resolve("tmws.db.failed-phase4")).hasContent("db bytes");
        assertThat(to.resolve("tmws.db.failed-phase4.2")).hasContent("older db");
        assertThat(to.resolve("tmws/tmws.log")).hasContent("ERROR phase 4\n");
        assertThat(Files.readAllLines(to.resolve("MANIFEST.txt"))).filteredOn(l -> l.startsWith("copied")).containsExactly(
                "copied    tmws.log <- " + elsewhere.resolve("tmws.log") + " (1 file(s), 14 bytes)",
                "copied    tmws.db.failed-phase4 <- " + fixture.work.resolve("data/tmws.db.failed-phase4")
                        + " (1 file(s), 8 bytes)",
                "copied    tmws.db.failed-phase4.2 <- " + other.resolve("tmws.db.failed-phase4") + " (1 file(s), 8 bytes)",
                "copied    tmws <- " + elsewhere + " (1 file(s), 14 bytes)");
    }

    @Test
    void previewSaysWhatWouldBeCollectedAndWritesNothing() throws Exception {
        Preview preview = fixture.preview("forensics.collect", Map.of(
                "paths", List.of("data/tmws.db.failed-phase4", "migrations/versions", "logs/tmws.log"),
                "commands", Map.of("processes", List.of("ps", "aux"))));

        assertThat(preview.effects()).containsExactly(
                "would copy data/tmws.db.failed-phase4 (8 B) to " + fixture.forensics.resolve("tmws.db.failed-phase4"),
                "would copy migrations/versions (3 files, 34 B) to " + fixture.forensics.resolve("versions"),
                "missing now (would be recorded): logs/tmws.log",
                "would save the output of ps aux as " + fixture.forensics.resolve("processes"),
                "would list everything in " + fixture.forensics.resolve("MANIFEST.txt"));
        assertThat(preview.outputs()).containsEntry("collected", 3L).containsEntry("missing", List.of("logs/tmws.log"));
        assertThat(fixture.forensics).doesNotExist();
    }
}
