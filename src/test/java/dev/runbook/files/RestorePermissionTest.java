package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file of the backup cannot be read: the whole restore fails before its first rename. Root
 * reads a mode-000 file anyway (CAP_DAC_OVERRIDE), so as root the restore runs in a child JVM
 * whose capability bounding set lacks CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (util-linux
 * setpriv): still uid 0, owner of everything else, but denied by the file's mode like anyone.
 */
@Timeout(120)
class RestorePermissionTest {

    @TempDir
    Path dir;

    @Test
    void anUnreadableFileFailsTheWholeRestoreBeforeAnyRename() throws Exception {
        Path backup = Praxis4Test.installAndBackUp(dir);
        Praxis4Test.drift(dir);
        Path target = dir.resolve(".praxis-os");
        Map<String, String> before = Trees4Test.snapshot(target);
        Path locked = backup.resolve("mcp_server/b.py");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Path runbook = dir.resolve("r.yaml");
        Files.writeString(runbook, """
                format: 1
                name: r
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s" }
                """.formatted(backup, target));

        JsonNode done = runInChild(runbook);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("failed");
        assertThat(done.get("error").asText()).isEqualTo("cannot read " + locked
                + ": permission denied; nothing in the target was changed");
        assertThat(Trees4Test.snapshot(target)).isEqualTo(before);
        assertThat(target.resolve(EntryNames.STAGING)).doesNotExist();
    }

    private JsonNode runInChild(Path runbook) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0) {
            command.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, RestoreChild.class.getName(), "none",
                "run", runbook.toString(), "--json", "--state", dir.resolve("state").toString()));
        Process child = new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        for (String line : out.split("\n")) {
            JsonNode event = new ObjectMapper().readTree(line);
            if (event.path("event").asText().equals("step_finished")) {
                return event;
            }
        }
        throw new AssertionError("no step_finished from the child: " + out + Files.readString(dir.resolve("child.err")));
    }
}
