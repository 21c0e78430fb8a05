package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import dev.runbook.support.RealPython;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * process.stop's narrowing, on real processes: two look-alikes with the same command line, one in
 * the installation and one outside it; only the installation's is matched and stopped.
 */
class ProcessScopeTest {

    @TempDir
    Path dir;

    private final String marker = Live.uniqueSleep();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    private Process python(Path cwd, String program, String code) throws Exception {
        Process p = new ProcessBuilder(program, "-c", code, "tmws-server", marker).directory(cwd.toFile())
                .redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    private Process sleeper(Path cwd) throws Exception {
        return python(cwd, RealPython.path(), "import time; time.sleep(60)");
    }

    private List<Long> pids(ProcessScope scope) {
        return ProcessMatcher.matching(scope).stream().map(ProcessInfo::pid).toList();
    }

    private ProcessScope scope(Optional<Path> cwd, Optional<Path> exe, Optional<String> user, Optional<Integer> port) {
        return new ProcessScope(List.of(Pattern.compile("tmws-server " + Pattern.quote(marker))), cwd, exe, user, port);
    }

    @Test
    void theWorkingDirectoryTellsTheInstallationsProcessFromALookAlike() throws Exception {
        Path install = Files.createDirectories(dir.resolve("install/app"));
        Path other = Files.createDirectories(dir.resolve("install-other"));  // a sibling whose name starts the same
        Process mine = sleeper(install);
        Process lookAlike = sleeper(other);
        Live.awaitRunning(Pattern.compile("tmws-server " + Pattern.quote(marker)), 2);

        ProcessScope scope = scope(Optional.of(dir.resolve("install")), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(pids(scope)).containsExactly(mine.pid());

        StopResult result = new ProcessStopper(Duration.ofSeconds(2)).stopMatching(scope);
        assertThat(result.ok()).isTrue();
        assertThat(result.pids()).containsExactly(mine.pid());
        assertThat(mine.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(lookAlike.isAlive()).isTrue();
    }

    @Test
    void theProgramMatchesThroughAVenvLinkAsStartedAndNotAnotherInterpreter() throws Exception {
        Path venvBin = Files.createDirectories(dir.resolve("app/.venv/bin"));
        // The interpreter binary itself (python3 on PATH may be a launcher script, as pyenv's shims are).
        Path python3 = Path.of(RealPython.path());
        Files.createSymbolicLink(venvBin.resolve("python"), python3);
        Process mine = python(dir, venvBin.resolve("python").toString(), "import time; time.sleep(60)");
        Process system = sleeper(dir);
        Live.awaitRunning(Pattern.compile("tmws-server " + Pattern.quote(marker)), 2);

        assertThat(pids(scope(Optional.empty(), Optional.of(dir.resolve("app/.venv")), Optional.empty(),
                Optional.empty()))).containsExactly(mine.pid());
        assertThat(system.isAlive()).isTrue();
    }

    @Test
    void theListeningPortPicksTheServerAndTheUserMustBeTheOwner() throws Exception {
        Process server = python(dir, RealPython.path(), "import socket, sys, time\n"
                + "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
                + "print(s.getsockname()[1], flush=True); time.sleep(60)");
        Process quiet = sleeper(dir);
        int port = Integer.parseInt(new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8)).readLine().trim());
        Live.awaitRunning(Pattern.compile("tmws-server " + Pattern.quote(marker)), 2);
        String me = System.getProperty("user.name");

        assertThat(pids(scope(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(port))))
                .containsExactly(server.pid());
        assertThat(pids(scope(Optional.empty(), Optional.empty(), Optional.of(me), Optional.of(port))))
                .containsExactly(server.pid());
        assertThat(pids(scope(Optional.empty(), Optional.empty(), Optional.of("nobody-" + marker), Optional.of(port))))
                .isEmpty();
        assertThat(quiet.isAlive()).isTrue();
    }

    @Test
    void aRunbookProcessAndWhatStartedItAreNeverMatchedThoughTheirCommandLinesNameTheApp() throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        // What `sh -c "runbook run ... -p app_dir=..."` looks like: a shell above a runbook JVM (here a stand-in
        // with the CLI's main class among its arguments), both working in the installation.
        Process shell = new ProcessBuilder("sh", "-c", "'" + RealPython.path() + "' -c 'import time; time.sleep(60)' "
                + RunbookProcesses.MAIN_CLASS + " run tmws-server " + marker + "; true tmws-server " + marker)
                .directory(install.toFile()).start();
        started.add(shell);
        Process service = sleeper(install);
        awaitInTable(3);

        assertThat(pids(scope(Optional.of(install), Optional.empty(), Optional.empty(), Optional.empty())))
                .containsExactly(service.pid());
    }

    /** Waits on /proc itself: the matcher hides runbook processes, which is what the test is about. */
    private void awaitInTable(int count) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessTable.snapshot(true).stream().filter(p -> p.commandLine().contains("tmws-server " + marker))
                .count() < count) {
            assertThat(System.nanoTime()).as("%d processes never appeared", count).isLessThan(until);
            Live.pause(10);
        }
    }

    @Test
    void aPidfileNamingAProcessOutsideTheScopeIsLeftAlone() throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Process outside = sleeper(dir);
        Live.awaitRunning(Pattern.compile("tmws-server " + Pattern.quote(marker)), 1);
        Path pidfile = install.resolve("server.pid");
        Pidfile.write(pidfile, outside.pid());
        ProcessScope scope = new ProcessScope(List.of(), Optional.of(install), Optional.empty(), Optional.empty(),
                Optional.empty());

        StopResult result = new ProcessStopper(Duration.ofSeconds(1)).stopPidfile(pidfile, scope);

        assertThat(result.pids()).isEmpty();
        assertThat(result.notes().get(0)).contains("is not with its working directory under " + install)
                .endsWith("left alone");
        assertThat(outside.isAlive()).isTrue();
        assertThat(pidfile).exists();
    }
}
