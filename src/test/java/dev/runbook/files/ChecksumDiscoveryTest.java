package dev.runbook.files;

import static dev.runbook.support.HandMade.sh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 2: without manifest, backup.verify and backup.restore find the checksum list and
 * say which; a listing for people is never taken for one; no list is a failure saying what was found
 * and what to do; checksums: none checks the rest and every output says "checksums not verified".
 */
class ChecksumDiscoveryTest {

    @TempDir
    Path dir;

    /** A hand-made backup (cp -a) with a listing for people, as the TMWS seed's Appendix A keeps it. */
    private Path backup(String name) throws Exception {
        Path app = dir.resolve("app-" + name);
        Trees4Test.write(app.resolve("config/alembic.ini"), "[alembic]\nscript_location = migrations\n");
        Trees4Test.write(app.resolve("database/tmws.db"), "x".repeat(5000));
        Path backup = dir.resolve(name);
        Files.createDirectories(backup);
        sh(backup, "cp -a " + app + "/config config && cp -a " + app + "/database database");
        // A listing for people: what `ls -l`, a date and a few words give, with a sha256 in the middle.
        sh(backup, "{ echo \"TMWS backup, made $(date -u +%F) before Phase 4\"; sha256sum database/tmws.db; "
                + "echo; ls -l; } > BACKUP_MANIFEST.txt");
        return backup;
    }

    private JsonNode verify(Cli4Test cli, Path backup, String extra) throws Exception {
        return Cli4Test.finished(cli.run("""
                steps:
                  - id: verify
                    action: backup.verify
                    with: { dir: "%s"%s, expect: { min_files: 2, sizes: { database/tmws.db: { min: 4KB } } } }
                """.formatted(backup, extra), "--yes"), "verify");
    }

    private JsonNode restore(Cli4Test cli, Path from, Path to, String extra) throws Exception {
        Files.createDirectories(to);
        return Cli4Test.finished(cli.run("""
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s"%s }
                """.formatted(from, to, extra), "--yes"), "restore");
    }

    /** The console a person sees: the same runbook run again, without --json. */
    private String console(Path runbook) {
        StringWriter err = new StringWriter();
        Main.execute(new String[] {"run", runbook.toString(), "--yes", "--state", dir.resolve("console-state").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        return err.toString();
    }

    @Test
    void eachKindOfListIsFoundAndNamedOnTheConsoleAndInTheOutputs() throws Exception {
        // list file -> how it is made
        List<String[]> lists = List.of(
                new String[] {"SHA256SUMS", "find . -type f ! -name '*.txt' ! -name SHA256SUMS | xargs sha256sum > SHA256SUMS"},
                new String[] {"tmws-backup.sha256", "find config database -type f | xargs sha256sum -b > tmws-backup.sha256"},
                new String[] {"checksums.list", "find . -type f ! -name '*.txt' ! -name checksums.list -print0 | "
                        + "xargs -0 sha256sum --tag > checksums.list"});
        for (String[] list : lists) {
            Path backup = backup("b-" + list[0]);
            sh(backup, list[1]);
            Cli4Test cli = new Cli4Test(dir);
            JsonNode done = verify(cli, backup, "");
            assertThat(done.get("status").asText()).as(list[0] + done).isEqualTo("succeeded");
            assertThat(done.get("outputs").get("manifest").asText()).isEqualTo(list[0]);
            assertThat(Cli4Test.effects(done)).containsExactly("checksums from " + list[0]
                    + " (found in the backup; no manifest was given)");
            assertThat(console(dir.resolve("r.yaml"))).contains("      checksums from " + list[0]);
            Path target = dir.resolve("t-" + list[0]);
            JsonNode restored = restore(cli, backup.resolve("config"), target.resolve("config"), "");
            assertThat(restored.get("status").asText()).as(list[0] + restored).isEqualTo("succeeded");
            assertThat(restored.get("outputs").get("manifest").asText()).isEqualTo(list[0]);
            assertThat(target.resolve("config/alembic.ini")).hasContent("[alembic]\nscript_location = migrations");
        }
    }

    @Test
    void aBackupWithOnlyAListingForPeopleFailsSayingWhatItFoundAndWhatToDo() throws Exception {
        Path backup = backup("prose");
        String expected = "backup " + backup + " has no checksum list: looked for SHA256SUMS, *.sha256, *.sha256sum "
                + "and files of sha256sum lines, found at its top 'BACKUP_MANIFEST.txt', which is not a checksum list; "
                + "hint: write one in the backup folder (find . -type f ! -name SHA256SUMS -print0 | xargs -0 sha256sum "
                + "> SHA256SUMS), name yours with manifest:, or check without checksums with checksums: none";
        JsonNode done = verify(new Cli4Test(dir), backup, "");
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("error").asText()).isEqualTo("backup " + backup + " has 1 problem: " + expected);
        JsonNode restored = restore(new Cli4Test(dir), backup, dir.resolve("target"), "");
        assertThat(restored.get("error").asText()).isEqualTo(expected.replace("backup " + backup, "backup " + backup));
        assertThat(dir.resolve("target")).isEmptyDirectory();
    }

    @Test
    void twoCandidateListsAreARefusalNotAGuess() throws Exception {
        Path backup = backup("two");
        sh(backup, "sha256sum config/alembic.ini > config.sha256 && sha256sum database/tmws.db > database.sha256");
        JsonNode done = verify(new Cli4Test(dir), backup, "");
        assertThat(done.get("error").asText()).isEqualTo("backup " + backup + " has 1 problem: backup " + backup
                + " has 2 files named like a checksum list ('config.sha256', 'database.sha256'); hint: name the "
                + "checksum list with manifest:");
    }

    @Test
    void checksumsNoneChecksTheRestAndSaysSoOnTheConsoleInTheJournalAndInTheReport() throws Exception {
        Path backup = backup("none");
        Cli4Test cli = new Cli4Test(dir);
        List<JsonNode> events = cli.run("""
                steps:
                  - id: verify
                    action: backup.verify
                    with: { dir: "%s", checksums: none, expect: { min_files: 2, sizes: { database/tmws.db: { min: 4KB } } } }
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s", paths: [config, database], checksums: none }
                """.formatted(backup, backup, Files.createDirectories(dir.resolve("target"))), "--yes");
        JsonNode verified = Cli4Test.finished(events, "verify");
        assertThat(verified.get("status").asText()).as(verified.toString()).isEqualTo("succeeded");
        assertThat(verified.get("outputs").get("files").asLong()).isEqualTo(2);
        assertThat(verified.get("outputs").get("checksums").asText()).isEqualTo("checksums not verified");
        JsonNode restored = Cli4Test.finished(events, "restore");
        assertThat(restored.get("status").asText()).as(restored.toString()).isEqualTo("succeeded");
        assertThat(dir.resolve("target/database/tmws.db")).hasContent("x".repeat(5000));
        assertThat(dir.resolve("target/BACKUP_MANIFEST.txt")).doesNotExist();
        String note = "checksums not verified (checksums: none): only the listing, counts and sizes were checked";
        assertThat(console(dir.resolve("r.yaml")).split("\n")).filteredOn(line -> line.contains(note)).hasSize(2);

        String runId = events.get(0).get("run").asText();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state/journal.db"));
             ResultSet rows = db.createStatement().executeQuery("SELECT step_id, outputs FROM steps ORDER BY step_id")) {
            int found = 0;
            while (rows.next()) {
                assertThat(rows.getString("outputs")).as(rows.getString("step_id")).contains(note);
                found++;
            }
            assertThat(found).isEqualTo(2);
        }
        for (String[] report : List.of(new String[] {"--format", "markdown"}, new String[] {"--template", "failure-report.md.peb"},
                new String[] {"--format", "html"})) {
            StringWriter out = new StringWriter();
            Main.execute(new String[] {"report", runId, report[0], report[1], "--state", dir.resolve("state").toString()},
                    new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
            assertThat(out.toString()).as(report[1]).contains("checksums not verified");
        }
    }

    @Test
    void checksumsNoneStillChecksCountsAndSizes() throws Exception {
        Path backup = backup("small");
        Files.writeString(backup.resolve("database/tmws.db"), "truncated");
        JsonNode done = verify(new Cli4Test(dir), backup, ", checksums: none");
        assertThat(done.get("error").asText()).isEqualTo("backup " + backup + " has 1 problem: size: 'database/tmws.db' "
                + "is 9 B (9 bytes), expected at least 3.9 KiB (checksums not verified)");
    }
}
