package dev.runbook.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two restores into one target from two runbooks and two state folders (so no run lock stands
 * between them): while the first, a real runbook process, holds its staging, the second refuses
 * and leaves that staging alone; once the first is killed with SIGKILL its owner is provably gone,
 * and the second completes the restore.
 */
@Timeout(300)
class RestoreOwnerTest {

    @TempDir
    Path dir;

    private Process first;

    @AfterEach
    void kill() {
        if (first != null) {
            first.destroyForcibly();
        }
    }

    @Test
    void aLiveRestoresStagingIsNeverTakenForACrashedOne() throws Exception {
        Path backup = Praxis4Test.installAndBackUp(dir);
        Praxis4Test.drift(dir);
        Path target = dir.resolve(".praxis-os");
        Map<String, String> before = Trees4Test.snapshot(target);
        String steps = """
                format: 1
                name: %s
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s" }
                """;
        Path one = Files.writeString(dir.resolve("one.yaml"), steps.formatted("one", backup, target));
        Path two = Files.writeString(dir.resolve("two.yaml"), steps.formatted("two", backup, target));

        first = pausedAt("staged", one);
        Path staging = target.resolve(EntryNames.STAGING);
        Map<String, String> staged = Trees4Test.snapshot(staging);

        Cli4Test cli = new Cli4Test(dir);
        JsonNode refused = Cli4Test.finished(cli.execute("run", two.toString(), "--json", "--state",
                dir.resolve("state-two").toString()), "restore");
        assertThat(refused.get("status").asText()).isEqualTo("failed");
        assertThat(refused.get("error").asText()).contains("another restore is staging in " + staging)
                .contains("pid " + first.pid()).contains("left alone");
        assertThat(Trees4Test.snapshot(staging)).as("the live staging, untouched").isEqualTo(staged);
        Map<String, String> now = Trees4Test.snapshot(target);
        now.keySet().removeIf(name -> name.startsWith(EntryNames.STAGING));
        assertThat(now).isEqualTo(before);

        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        JsonNode done = Cli4Test.finished(cli.execute("run", two.toString(), "--json", "--state",
                dir.resolve("state-two").toString()), "restore");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(staging).doesNotExist();
        Map<String, String> expected = new TreeMap<>(Trees4Test.snapshot(backup));
        Manifest.OWN_FILES.forEach(expected::remove);
        Map<String, String> restored = Trees4Test.snapshot(target);
        for (String unit : List.of("mcp_server", "config.json")) {
            expected.forEach((name, value) -> {
                if (name.equals(unit) || name.startsWith(unit + "/")) {
                    assertThat(restored.get(name)).as(name).isEqualTo(value);
                }
            });
        }
    }

    private Process pausedAt(String point, Path runbook) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, RestoreChild.class.getName(), point,
                "run", runbook.toString(), "--json", "--state", dir.resolve("state-one").toString()));
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("at " + point)) {
            // events before the pause
        }
        assertThat(line).as("the child reached " + point + "; stderr: " + Files.readString(err)).isNotNull();
        return child;
    }
}
