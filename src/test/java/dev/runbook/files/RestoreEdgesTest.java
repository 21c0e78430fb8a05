package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edges of file.restore and backup.restore: relative symlinks, symlinked parents, a swap that fails. */
class RestoreEdgesTest {

    @TempDir
    Path dir;

    private final List<Path> immutable = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Path path : immutable) {
            chattr("-i", path);
        }
    }

    @Test
    void aSwapStoppedByAnImmutableUnitPutsEveryUnitBackAndTheRetryCompletes() throws Exception {
        Path backup = Praxis4Test.installAndBackUp(dir);
        Praxis4Test.drift(dir);
        Path target = dir.resolve(".praxis-os");
        Files.writeString(target.resolve("workflows/std.md"), "changed by the upgrade\n"); // the last unit changes too
        Path blocked = target.resolve("workflows");
        Map<String, String> drifted = Trees4Test.snapshot(target);
        org.junit.jupiter.api.Assumptions.assumeTrue(chattr("+i", blocked) == 0, "no chattr +i here");
        immutable.add(blocked);
        String steps = """
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s", preserve: ["workflows/local-*"] }
                """.formatted(backup, target);

        JsonNode failed = Cli4Test.finished(new Cli4Test(dir).run(steps), "restore");

        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains(blocked.toString()).contains("Operation not permitted")
                .contains("every unit was put back as it was");
        Map<String, String> after = Trees4Test.snapshot(target);
        assertThat(after).isEqualTo(drifted);
        assertThat(target.resolve(EntryNames.STAGING)).doesNotExist();

        chattr("-i", blocked);
        immutable.remove(blocked);
        JsonNode retried = Cli4Test.finished(new Cli4Test(dir).run(steps), "restore");
        assertThat(retried.get("status").asText()).as(retried.toString()).isEqualTo("succeeded");
        assertThat(Files.readString(target.resolve("config.json"))).isEqualTo("{\"version\": \"1.0\"}\n");
        assertThat(Files.readString(target.resolve("workflows/std.md"))).isEqualTo("standard\n");
    }

    private static int chattr(String flag, Path path) throws Exception {
        Process chattr = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        assertThat(chattr.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return chattr.exitValue();
    }

    @Test
    void fileRestoreRefusesToWriteThroughASymlinkedParent() throws Exception {
        Trees4Test.write(dir.resolve("backup/alembic.ini"), "from the backup\n");
        Trees4Test.write(dir.resolve("elsewhere/alembic.ini"), "not the app's\n");
        Files.createDirectories(dir.resolve("app"));
        Files.createSymbolicLink(dir.resolve("app/config"), Path.of("../elsewhere"));
        Map<String, String> elsewhere = Trees4Test.snapshot(dir.resolve("elsewhere"));

        JsonNode refused = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: ini
                    action: file.restore
                    with: { from: "%s", to: "%s" }
                """.formatted(dir.resolve("backup/alembic.ini"), dir.resolve("app/config/alembic.ini"))), "ini");

        assertThat(refused.get("status").asText()).isEqualTo("failed");
        assertThat(refused.get("error").asText()).isEqualTo(dir.resolve("app/config/alembic.ini")
                + ": its parent " + dir.resolve("app/config") + " is a symlink to ../elsewhere; refusing to write through it");
        assertThat(Trees4Test.snapshot(dir.resolve("elsewhere"))).isEqualTo(elsewhere);
        assertThat(dir.resolve("elsewhere").resolve(EntryNames.STAGING)).doesNotExist();
    }

    @Test
    void aRelativeSymlinkIsReplacedByAFile() throws Exception {
        Trees4Test.write(dir.resolve("backup/current.conf"), "from the backup\n");
        Trees4Test.write(dir.resolve("app/releases/v2.conf"), "v2\n");
        Files.createSymbolicLink(dir.resolve("app/current.conf"), Path.of("releases/v2.conf"));

        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: conf
                    action: file.restore
                    with: { from: "%s", to: "%s", keep_current_as: "%s" }
                """.formatted(dir.resolve("backup/current.conf"), dir.resolve("app/current.conf"),
                dir.resolve("app/current.conf.before"))), "conf");

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(Files.isSymbolicLink(dir.resolve("app/current.conf"))).isFalse();
        assertThat(Files.readString(dir.resolve("app/current.conf"))).isEqualTo("from the backup\n");
        assertThat(Files.readSymbolicLink(dir.resolve("app/current.conf.before"))).isEqualTo(Path.of("releases/v2.conf"));
        assertThat(dir.resolve("app").resolve(EntryNames.STAGING)).doesNotExist();
    }

    @Test
    void aRelativeSymlinkIsReplacedByAFolder() throws Exception {
        Trees4Test.write(dir.resolve("backup/config/a.ini"), "a\n");
        Trees4Test.write(dir.resolve("app/releases/v2/a.ini"), "v2\n");
        Files.createSymbolicLink(dir.resolve("app/config"), Path.of("releases/v2"));

        JsonNode done = Cli4Test.finished(new Cli4Test(dir).run("""
                steps:
                  - id: conf
                    action: file.restore
                    with: { from: "%s", to: "%s" }
                """.formatted(dir.resolve("backup/config"), dir.resolve("app/config"))), "conf");

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(Files.isDirectory(dir.resolve("app/config"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readString(dir.resolve("app/config/a.ini"))).isEqualTo("a\n");
        assertThat(Files.readString(dir.resolve("app/releases/v2/a.ini"))).isEqualTo("v2\n");
    }
}
