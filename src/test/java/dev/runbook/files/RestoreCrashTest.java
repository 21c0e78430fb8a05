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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM restoring two changed entries (a folder, a file; a third is unchanged) is killed with SIGKILL at points of
 * the restore. Right after the kill every entry is wholly old or wholly new, never absent (a folder
 * is exchanged with its staged tree in one step, a file replaced by one rename); running the step
 * again (`runbook resume`) completes the restore, keeps the old content and leaves no staging behind.
 */
@Timeout(300)
class RestoreCrashTest {

    private static final List<String> UNITS = List.of("mcp_server", "config.json", "workflows");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"staged", "moved-aside#1", "moved-in#1", "moved-aside#2", "moved-in#2", "verified", "done"})
    void aKilledRestoreIsWhollyOldOrWhollyNewAndARunAgainCompletesIt(String point) throws Exception {
        Path backup = Praxis4Test.installAndBackUp(dir);
        Praxis4Test.drift(dir);
        Path target = dir.resolve(".praxis-os");
        Map<String, String> old = Trees4Test.snapshot(target);
        Map<String, String> fresh = new TreeMap<>(Trees4Test.snapshot(backup));
        Manifest.OWN_FILES.forEach(fresh::remove);
        fresh.remove("");
        fresh.put("workflows/local-mine.md", old.get("workflows/local-mine.md"));
        fresh.put("workflows/local-new.md", old.get("workflows/local-new.md"));
        Path runbook = dir.resolve("r.yaml");
        Files.writeString(runbook, """
                format: 1
                name: r
                steps:
                  - id: restore
                    action: backup.restore
                    with: { from: "%s", to: "%s", preserve: ["workflows/local-*"] }
                """.formatted(backup, target));

        String runId = killAt(point, runbook);

        Map<String, String> now = Trees4Test.snapshot(target);
        now.keySet().removeIf(name -> name.startsWith(EntryNames.STAGING));
        for (String unit : UNITS) {
            Map<String, String> part = part(now, unit);
            assertThat(part).as(unit + " after a kill at " + point).isNotEmpty().satisfiesAnyOf(
                    p -> assertThat(p).isEqualTo(part(old, unit)), p -> assertThat(p).isEqualTo(part(fresh, unit)));
        }
        if (point.equals("staged")) {
            assertThat(now).isEqualTo(old);
        }

        JsonNode again = Cli4Test.finished(new Cli4Test(dir).execute("resume", runId, "--json", "--state",
                dir.resolve("state").toString()), "restore");
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("succeeded");
        Map<String, String> restored = Trees4Test.snapshot(target);
        restored.remove("");
        assertThat(restored).isEqualTo(fresh);
        assertThat(target.resolve(EntryNames.STAGING)).doesNotExist();
        try (var found = Files.walk(dir.resolve("state"))) {
            assertThat(found.filter(p -> p.endsWith("config.json")).map(p -> read(p)).toList())
                    .as("the old config.json is kept").contains("{\"version\": \"2.0\"}\n");
        }
    }

    private static Map<String, String> part(Map<String, String> snapshot, String unit) {
        Map<String, String> part = new TreeMap<>();
        snapshot.forEach((name, value) -> {
            if (name.equals(unit) || name.startsWith(unit + "/")) {
                part.put(name, value);
            }
        });
        return part;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Returns the id of the run that was killed. */
    private String killAt(String point, Path runbook) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, RestoreChild.class.getName(), point,
                "run", runbook.toString(), "--json", "--state", dir.resolve("state").toString()));
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String runId = null;
            while ((line = out.readLine()) != null && !line.equals("at " + point)) {
                if (runId == null && line.startsWith("{")) {
                    runId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("run").asText(null);
                }
            }
            assertThat(line).as("the child reached " + point + "; stderr: " + Files.readString(err)).isNotNull();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
            return runId;
        }
    }
}
