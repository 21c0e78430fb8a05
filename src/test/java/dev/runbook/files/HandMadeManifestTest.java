package dev.runbook.files;

import static dev.runbook.support.HandMade.sh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 1: every form of checksum list sha256sum -c reads, and the BSD tag form, made by
 * the real tools, is read by backup.verify and backup.restore; hostile names are still refused.
 */
class HandMadeManifestTest {

    /** The files of a hand-made backup: dot files, blanks, parentheses, a backslash, a newline. */
    private static final List<String> NAMES = List.of("config/.env.example", "config/app (prod).ini",
            "data/tmws.db.backup", "notes/back\\slash.txt", "notes/line\nbreak.txt");

    @TempDir
    Path dir;

    private Path backup(String name, List<String> names) throws Exception {
        Path backup = dir.resolve(name);
        for (String file : names) {
            Trees4Test.write(backup.resolve(file), "content of " + file + "\n");
        }
        return backup;
    }

    private JsonNode verify(Path backup, String manifest) throws Exception {
        Cli4Test cli = new Cli4Test(dir);
        return Cli4Test.finished(cli.run("""
                steps:
                  - id: verify
                    action: backup.verify
                    with: { dir: "%s", manifest: "%s" }
                """.formatted(backup, manifest)), "verify");
    }

    private JsonNode restore(Path backup, String manifest, Path to) throws Exception {
        Files.createDirectories(to);
        return Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s", manifest: "%s" }
                """.formatted(backup, to, manifest), "--yes"), "restore");
    }

    @Test
    void theIssuesFindXargsListWithDotSlashNamesAndItsOwnLineIsRead() throws Exception {
        Path backup = backup("find-xargs", List.of("config/.env.example", "data/tmws.db.backup", "VERSION"));
        // Run a second time (or when the shell creates SHA256SUMS before find reads the folder), the
        // list holds a line for itself, hashed while it was being written.
        sh(backup, "find . -type f | xargs sha256sum > SHA256SUMS");
        sh(backup, "find . -type f | xargs sha256sum > SHA256SUMS");
        assertThat(Files.readString(backup.resolve("SHA256SUMS"))).contains("  ./config/.env.example\n")
                .contains("  ./SHA256SUMS\n");
        JsonNode done = verify(backup, "SHA256SUMS");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("outputs").get("files").asLong()).isEqualTo(3);
        JsonNode restored = restore(backup, "SHA256SUMS", dir.resolve("target"));
        assertThat(restored.get("status").asText()).as(restored.toString()).isEqualTo("succeeded");
        assertThat(dir.resolve("target/config/.env.example")).hasContent("content of config/.env.example");
        assertThat(dir.resolve("target/SHA256SUMS")).doesNotExist();
    }

    @Test
    void everyFormOfTheRealToolsIsReadAndRestoredWithItsEscapedNames() throws Exception {
        String allFiles = "find . -type f ! -name LIST -print0 | xargs -0 ";
        // the list's shell line, a line the list must hold (so the form is really there), escaped names or not
        List<String[]> forms = List.of(
                new String[] {allFiles + "sha256sum > LIST", "  ./config/.env.example\n", "yes"},
                new String[] {allFiles + "sha256sum -b > LIST", " *./config/.env.example\n", "yes"},
                new String[] {allFiles + "sha256sum --tag > LIST", "SHA256 (./config/app (prod).ini) = ", "yes"},
                new String[] {allFiles + "shasum -a 256 > LIST", "  ./config/.env.example\n", "no"},
                new String[] {allFiles + "shasum -a 256 -b > LIST", " *./config/.env.example\n", "no"},
                new String[] {allFiles + "shasum -a 256 --tag > LIST", "SHA256 (./config/app (prod).ini) = ", "no"});
        int n = 0;
        for (String[] form : forms) {
            List<String> names = form[2].equals("yes") ? NAMES : NAMES.subList(0, 3);
            Path backup = backup("b" + n++, names);
            sh(backup, form[0]);
            sh(backup, "sha256sum -c --quiet LIST");      // the real tool reads it: it is a genuine list
            String list = Files.readString(backup.resolve("LIST"));
            assertThat(list).as(form[0]).contains(form[1]);
            if (form[2].equals("yes")) {
                assertThat(list).as(form[0]).contains("\\").contains("line\\nbreak");   // escaped by the tool
            }
            JsonNode verified = verify(backup, "LIST");
            assertThat(verified.get("status").asText()).as(form[0] + ": " + verified).isEqualTo("succeeded");
            assertThat(verified.get("outputs").get("files").asLong()).as(form[0]).isEqualTo(names.size());
            Path target = dir.resolve("t" + n);
            JsonNode restored = restore(backup, "LIST", target);
            assertThat(restored.get("status").asText()).as(form[0] + ": " + restored).isEqualTo("succeeded");
            for (String name : names) {
                assertThat(target.resolve(name)).as(form[0]).hasContent("content of " + name);
            }
        }
    }

    @Test
    void aDamagedFileIsStillFoundThroughEveryForm() throws Exception {
        Path backup = backup("damaged", NAMES);
        sh(backup, "find . -type f ! -name LIST -print0 | xargs -0 sha256sum --tag > LIST");
        Files.writeString(backup.resolve("notes/line\nbreak.txt"), "changed after the list was made\n");
        JsonNode done = verify(backup, "LIST");
        assertThat(done.get("error").asText()).isEqualTo("backup " + backup + " has 1 problem: checksum: "
                + "'notes/line\\x0abreak.txt' differs from the manifest");
    }

    @Test
    void namesThatEscapeTheRootAreRefusedAfterNormalising() throws Exception {
        Path backup = backup("hostile/backup", List.of("config/app.ini"));
        Trees4Test.write(dir.resolve("hostile/outside.txt"), "secret\n");
        // Each list is written by sha256sum itself, run on a path that leaves the backup.
        List<String[]> cases = List.of(
                new String[] {"sha256sum ../outside.txt > LIST", "entry '../outside.txt' contains '..' and could escape its root"},
                new String[] {"sha256sum ./config/../../outside.txt > LIST",
                        "entry 'config/../../outside.txt' contains '..' and could escape its root"},
                new String[] {"sha256sum --tag .//./../outside.txt > LIST", "entry '../outside.txt' contains '..' and could escape its root"},
                new String[] {"sha256sum \"$PWD/config/app.ini\" > LIST", "entry '" + backup.resolve("config/app.ini")
                        + "' is an absolute path; entries are relative to their root"});
        for (String[] hostile : cases) {
            sh(backup, hostile[0]);
            JsonNode done = verify(backup, "LIST");
            assertThat(done.get("error").asText()).as(hostile[0]).isEqualTo("backup " + backup + " has 1 problem: " + hostile[1]);
            JsonNode restored = restore(backup, "LIST", dir.resolve("target"));
            assertThat(restored.get("error").asText()).as(hostile[0]).isEqualTo(hostile[1]);
            assertThat(dir.resolve("target")).isEmptyDirectory();
        }
        // A NUL cannot come out of sha256sum (no file name holds one): the bytes are written here.
        Files.write(backup.resolve("LIST"), ("0".repeat(64) + "  config/app.ini\0../../etc/passwd\n").getBytes());
        assertThat(verify(backup, "LIST").get("error").asText()).isEqualTo("backup " + backup + " has 1 problem: "
                + "entry 'config/app.ini\\0../../etc/passwd' contains a NUL byte");
    }
}
