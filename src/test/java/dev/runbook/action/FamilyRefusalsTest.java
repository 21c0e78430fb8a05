package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per family of actions, a step that stops before changing anything says so as a type
 * ({@link ActionException#refused()}), on real files and processes, and the target is as it was.
 */
class FamilyRefusalsTest {

    @TempDir
    Path dir;

    private ActionException refusal(String action, Map<String, Object> args) {
        StepContext context = new StepContext("step", new Arguments(ActionRegistry.builtIn().find(action)
                .orElseThrow(), args), false, dir, dir.resolve("logs/step.log"), Optional.empty(), new Cancellation(),
                q -> false, RunScope.unjournaled("r1", dir.resolve("forensics")));
        ActionException thrown = catchThrowableOfType(() -> Implementations.builtIn().find(action).orElseThrow()
                .run(context), ActionException.class);
        assertThat(thrown).as(action + " should have thrown").isNotNull();
        return thrown;
    }

    @Test
    void commandsACommandThatCannotStartIsRefused() {
        ActionException e = refusal("exec", Map.of("cmd", List.of("definitely-not-a-program-here")));
        assertThat(e.refused()).isTrue();
        assertThat(e).hasMessageStartingWith("cannot start definitely-not-a-program-here");
    }

    @Test
    void processesABadPatternIsRefusedAndTheProcessKeepsRunning() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            ActionException e = refusal("process.stop", Map.of("match", List.of("sleep 30", "(unclosed"),
                    "grace", "1s"));
            assertThat(e.refused()).isTrue();
            assertThat(child.waitFor(300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(child.isAlive()).isTrue();
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void backupsARestoreFromNothingIsRefusedAndTheTargetIsUntouched() throws Exception {
        Path target = Files.createDirectories(dir.resolve("app"));
        Files.writeString(target.resolve("config.json"), "{}");
        ActionException e = refusal("backup.restore", Map.of("from", "backups/none", "to", "app"));
        assertThat(e.refused()).isTrue();
        assertThat(e).hasMessage("nothing to restore from: " + dir.resolve("backups/none") + " does not exist");
        assertThat(Files.readString(target.resolve("config.json"))).isEqualTo("{}");
        assertThat(Files.exists(dir.resolve("forensics"))).isFalse();
    }

    @Test
    void backupsABackupIsNeverOverwritten() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/a.txt"), "a");
        Path existing = Files.createDirectories(dir.resolve("backups/first"));
        Files.writeString(existing.resolve("keep.txt"), "old");
        ActionException e = refusal("backup.create", Map.of("paths", List.of("a.txt"), "root", "app",
                "to", "backups", "name", "first"));
        assertThat(e.refused()).isTrue();
        assertThat(existing).isDirectoryContaining(p -> p.getFileName().toString().equals("keep.txt"));
        assertThat(Files.list(existing).count()).isEqualTo(1);
    }

    @Test
    void filesJsonThatIsNotJsonIsRefusedAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("session.json");
        byte[] before = "{ not json".getBytes(StandardCharsets.UTF_8);
        Files.write(file, before);
        ActionException e = refusal("json.set", Map.of("file", "session.json", "set", Map.of("status", "done")));
        assertThat(e.refused()).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.list(dir).count()).isEqualTo(1);
    }

    @Test
    void filesRoomForABackupThatIsNotThereIsRefused() {
        ActionException e = refusal("disk.check", Map.of("path", ".", "for_backup", "backups/missing"));
        assertThat(e.refused()).isTrue();
    }

    @Test
    void filesForensicsWithACommandThatIsNoArgvIsRefusedBeforeCollecting() {
        ActionException e = refusal("forensics.collect", Map.of("to", "evidence", "commands", Map.of("ps", "ps aux")));
        assertThat(e.refused()).isTrue();
        assertThat(Files.exists(dir.resolve("evidence"))).isFalse();
    }
}
