package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Main;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One state per target, with real runbook processes: the state folder comes from the user's
 * environment, not the working directory; the lock is keyed on the installation (the path
 * parameters, or the runbook's lock:), so runs against one installation exclude each other from
 * any directory and any state folder, and runs against different installations do not.
 */
class TargetLockRunTest {

    private static final String HOLDS = """
            format: 1
            name: holds
            params:
              app_dir: { type: path, default: "." }
            steps:
              - id: mark
                action: exec
                with: { shell: "echo {{ run.forensics }} > {{ params.app_dir }}/forensics-at; touch {{ params.app_dir }}/started" }
              - id: hold
                needs: [mark]
                action: exec
                with: { cmd: [sleep, "30"] }
            """;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void twoRunsAgainstOneInstallationExcludeEachOtherFromAnyDirectoryAndStateFolder() throws Exception {
        Path runbook = write("holds.yaml", HOLDS);
        Path install = Files.createDirectories(dir.resolve("install"));
        Path here = Files.createDirectories(dir.resolve("here"));
        Path there = Files.createDirectories(dir.resolve("there"));
        Path xdg = dir.resolve("xdg");

        Process first = start(here, xdg, runbook, "-p", "app_dir=" + install);
        awaitFile(install.resolve("started"), first);
        assertThat(Files.exists(xdg.resolve("runbook/journal.db"))).as("state from RUNBOOK_STATE").isTrue();
        assertThat(here.resolve(".runbook")).doesNotExist();
        assertThat(Files.readString(install.resolve("forensics-at")).strip())
                .startsWith(xdg.resolve("runbook/runs").toString()).endsWith("/forensics");

        // Another directory, the same installation written relatively: locked, exit 5.
        Result second = finish(start(there, xdg, runbook, "-p", "app_dir=../install"));
        assertThat(second.code()).as(second.err()).isEqualTo(5);
        assertThat(second.err()).contains("runbook 'holds app_dir=" + install + "' is locked by run ");

        // Another state folder: the journals differ, the lock file is shared.
        Result otherState = finish(start(there, xdg, runbook, "-p", "app_dir=" + install, "--state",
                dir.resolve("elsewhere").toString()));
        assertThat(otherState.code()).as(otherState.err()).isEqualTo(5);
        assertThat(otherState.err()).contains("is locked by run ").contains("journal " + xdg.resolve("runbook/journal.db"));

        // Another installation runs meanwhile.
        Path other = Files.createDirectories(dir.resolve("other"));
        Process third = start(there, xdg, runbook, "-p", "app_dir=" + other);
        awaitFile(other.resolve("started"), third);
        assertThat(first.isAlive()).isTrue();

        // resume of the live run: locked (exit 5), not "cut off mid-way" (exit 6) for its running exec.
        String runId;
        try (Journal journal = Journal.open(xdg.resolve("runbook/journal.db"))) {
            runId = journal.history(10).stream().filter(r -> r.params().get("app_dir").equals(install.toString()))
                    .map(RunRecord::id).findFirst().orElseThrow();
        }
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"resume", runId, "--state", xdg.resolve("runbook").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(5);
        assertThat(err.toString()).contains("is locked by run " + runId);
    }

    @Test
    void runbooksSharingALockKeyExcludeEachOther() throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path upgrade = write("upgrade.yaml", HOLDS.replace("name: holds", "name: upgrade\nlock: \"app {{ params.app_dir }}\""));
        Path rollback = write("rollback.yaml", HOLDS.replace("name: holds", "name: rollback\nlock: \"app {{ params.app_dir }}\""));
        Process first = start(dir, dir.resolve("xdg"), upgrade, "-p", "app_dir=" + install);
        awaitFile(install.resolve("started"), first);

        Result second = finish(start(install, dir.resolve("xdg"), rollback, "-p", "app_dir=."));
        assertThat(second.code()).as(second.err()).isEqualTo(5);
        assertThat(second.err()).contains("runbook 'app " + install + "' is locked by run ");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Process start(Path cwd, Path xdg, Path runbook, String... args) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName(),
                "run", runbook.toString(), "--yes"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(dir.resolve("out-" + started.size()).toFile())
                .redirectError(dir.resolve("err-" + started.size()).toFile());
        Map<String, String> env = builder.environment();
        // RUNBOOK_STATE, not XDG_STATE_HOME: as root (a container) the default would be /var/lib/runbook.
        env.put("RUNBOOK_STATE", xdg.resolve("runbook").toString());
        env.put("HOME", dir.resolve("home").toString());
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private record Result(int code, String err) {
    }

    private Result finish(Process process) throws Exception {
        int index = started.indexOf(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("err-" + index)));
    }

    private void awaitFile(Path file, Process process) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            assertThat(process.isAlive()).as("the run ended early: %s",
                    Files.readString(dir.resolve("err-" + started.indexOf(process)))).isTrue();
            assertThat(System.nanoTime()).isLessThan(until);
            Thread.sleep(20);
        }
    }
}
