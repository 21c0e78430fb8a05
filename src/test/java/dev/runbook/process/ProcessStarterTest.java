package dev.runbook.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** process.start with a real HTTP server in its own JVM, and with processes that never get ready. */
class ProcessStarterTest {

    @TempDir
    Path dir;

    private final ProcessStarter starter = new ProcessStarter();
    private final String seconds = Live.uniqueSleep();
    private final int port = freePort();
    private Path log;
    private Path pidfile;

    @BeforeEach
    void paths() {
        log = dir.resolve("logs/server.log");
        pidfile = dir.resolve("run/server.pid");
    }

    @AfterEach
    void cleanUp() {
        Live.cleanUp(Pattern.compile(Pattern.quote(seconds)), Pattern.compile("TinyHttpServer " + port + " "));
    }

    @Test
    void startsDetachedWritesThePidfileAndIsReadyWhenThePortAccepts() throws Exception {
        StartResult result = starter.start(server(0).withReadiness(Readiness.port(port), Duration.ofSeconds(20)));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(Files.readString(pidfile)).isEqualTo(result.pid() + "\n");
        ProcessInfo server = ProcessTable.read(result.pid(), true).orElseThrow();
        assertThat(server.commandLine()).contains("TinyHttpServer " + port);
        assertThat(server.leadsGroup()).as("own process group and session (setsid)").isTrue();
        assertThat(ProcessTable.hasEnvironmentEntry(result.pid(), "FROM_SPEC=yes".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(Readiness.port(port).probe(Duration.ofSeconds(1))).isTrue();

        StopResult stop = new ProcessStopper(Duration.ofSeconds(5)).stopPidfile(pidfile);
        assertThat(stop.ok()).isTrue();
        assertThat(stop.pids()).containsExactly(result.pid());
        assertThat(ProcessTable.alive(server)).isFalse();
    }

    @Test
    void aUrlIsReadyOnlyWhenItAnswers2xxNotWhenThePortOpens() throws Exception {
        StartResult result = starter.start(server(1500)
                .withReadiness(Readiness.url("http://127.0.0.1:" + port + "/health"), Duration.ofSeconds(20)));

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(result.message()).startsWith("pid " + result.pid() + " ready (http://127.0.0.1:" + port
                + "/health answering 2xx) after ");
        assertThat(Files.readString(log)).contains("listening on " + port);
    }

    @Test
    void notReadyInTimeIsStoppedSoTheRetryFindsThePortFree() throws Exception {
        StartSpec spec = StartSpec.of(CommandSpec.shell("echo warming up; exec sleep " + seconds).command(), log)
                .withPidfile(pidfile).withReadiness(Readiness.port(port), Duration.ofMillis(600));

        StartResult result = starter.start(spec);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("not ready (port " + port + " accepting) after 0.60s; stopped it (pid "
                + result.pid());
        assertThat(result.logTail()).isEqualTo("warming up\n");
        assertThat(result.waited()).isLessThan(Duration.ofSeconds(3));
        assertThat(pidfile).doesNotExist();
        Live.assertNoneRunning(Live.sleeping(seconds));
    }

    @Test
    void exitingBeforeReadyFailsAtOnceWithTheEndOfItsLog() throws Exception {
        StartSpec spec = StartSpec.of(CommandSpec.shell("echo bad config >&2; exit 3").command(), log)
                .withPidfile(pidfile).withReadiness(Readiness.port(port), Duration.ofSeconds(30));

        StartResult result = starter.start(spec);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("exited with code 3 before it was ready (port " + port + " accepting)");
        assertThat(result.logTail()).isEqualTo("bad config\n");
        assertThat(result.waited()).isLessThan(Duration.ofSeconds(5));
        assertThat(pidfile).doesNotExist();
    }

    @Test
    void aPidfileNamingARunningProcessRefusesASecondStart() throws Exception {
        Process running = new ProcessBuilder("sleep", seconds).start();
        Pidfile.write(pidfile, running.pid());

        StartResult result = starter.start(StartSpec.of(List.of("sleep", seconds), log).withPidfile(pidfile));

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("already running: pid " + running.pid() + " from " + pidfile
                + "; stop it first");
        assertThat(ProcessMatcher.matching(List.of(Live.sleeping(seconds)))).hasSize(1);
    }

    @Test
    void aProgramThatIsNotThereIsAnErrorBeforeDetaching() {
        assertThatThrownBy(() -> starter.start(StartSpec.of(List.of("no-such-server-4711"), log)))
                .isInstanceOf(IOException.class).hasMessage("cannot run no-such-server-4711: not found in PATH");
    }

    @Test
    void theProcessOutlivesTheJvmThatStartedItAndDoesNotCarryItsStepMarker() throws Exception {
        // The starting JVM runs as an exec step would (with a marker in its environment) and exits.
        CommandResult starting = new CommandRunner().run(CommandSpec.argv(java(), "-cp",
                System.getProperty("java.class.path"), StartDetached.class.getName(), log.toString(),
                pidfile.toString(), seconds).withTimeout(Duration.ofSeconds(60)));

        assertThat(starting.ok()).as(starting.stdout() + starting.stderr()).isTrue();
        long pid = Long.parseLong(Files.readString(pidfile).trim());
        ProcessInfo started = ProcessTable.read(pid, true).orElseThrow();
        assertThat(started.commandLine()).isEqualTo("sleep " + seconds);
        assertThat(ProcessTable.alive(started)).isTrue();
        assertThat(Files.readString(Path.of("/proc/" + pid + "/environ"))).doesNotContain(CommandRunner.MARKER);
        assertThat(new ProcessStopper(Duration.ofSeconds(5)).stopPidfile(pidfile).pids()).containsExactly(pid);
    }

    private StartSpec server(long healthyAfterMillis) {
        return StartSpec.of(List.of(java(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                TinyHttpServer.class.getName(), Integer.toString(port), Long.toString(healthyAfterMillis)), log)
                .withPidfile(pidfile).withEnv(Map.of("FROM_SPEC", "yes"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
