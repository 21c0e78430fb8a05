package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exec and process.stop through `runbook run`, on real processes. */
class ProcessRunTest {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
    }

    private List<JsonNode> run(String steps, String... extra) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, "format: 1\nname: r\n" + steps);
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--json", "--state",
                dir.resolve("state").toString()));
        args.addAll(List.of(extra));
        out.getBuffer().setLength(0);
        Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            events.add(new ObjectMapper().readTree(line));
        }
        return events;
    }

    private static JsonNode finished(List<JsonNode> events, String step) {
        return events.stream().filter(e -> e.get("event").asText().startsWith("step_f")
                && e.get("step").asText().equals(step)).findFirst().orElseThrow();
    }

    @Test
    void argvArrivesIntactAndShellValuesAreQuoted() throws Exception {
        List<JsonNode> events = run("""
                params:
                  v: { default: "x; echo pwned" }
                steps:
                  - { id: argv, action: exec, with: { cmd: [printf, "%s|", "a b", "c'd", "$HOME"] } }
                  - { id: shell, action: exec, with: { shell: "printf %s {{ params.v }}" } }
                """);
        assertThat(finished(events, "argv").get("outputs").get("stdout").asText()).isEqualTo("a b|c'd|$HOME|");
        assertThat(finished(events, "shell").get("outputs").get("stdout").asText()).isEqualTo("x; echo pwned");
    }

    @Test
    void aTimeoutEndsTheWholeProcessTreePromptly() throws Exception {
        long start = System.nanoTime();
        List<JsonNode> events = run("""
                steps:
                  - { id: tree, action: exec, with: { shell: "sleep 60.4242 & sleep 60.4242" }, timeout: 1s }
                """);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(finished(events, "tree").get("error").asText()).isEqualTo("timed out after 1000 ms");
        Thread.sleep(100);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("60.4242")))
                .isEmpty();
    }

    @Test
    void dryRunListsWhatProcessStopWouldStopAndStopsNothing() throws Exception {
        Process victim = new ProcessBuilder("sleep", "300.5151").start();
        started.add(victim);
        String steps = """
                steps:
                  - { id: stop, action: process.stop, with: { match: "sleep 300[.]5151", grace: 2s } }
                """;
        List<JsonNode> dry = run(steps, "--dry-run");
        JsonNode preview = finished(dry, "stop");
        assertThat(preview.get("status").asText()).isEqualTo("previewed");
        assertThat(preview.get("effects").get(0).asText()).isEqualTo("would stop pid " + victim.pid()
                + ": sleep 300.5151");
        assertThat(victim.isAlive()).isTrue();

        List<JsonNode> real = run(steps);
        assertThat(finished(real, "stop").get("outputs").get("pids").get(0).asLong()).isEqualTo(victim.pid());
        assertThat(victim.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void startsADetachedServerUntilReadyAndStopsItByPidfile() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<JsonNode> events = run("""
                params:
                  port: { type: int, default: %d }
                steps:
                  - id: start
                    action: process.start
                    with:
                      cmd: [python3, -m, http.server, "{{ params.port }}", --bind, 127.0.0.1]
                      cwd: "%s"
                      pidfile: "%s/server.pid"
                      ready_port: "{{ params.port }}"
                      ready_timeout: 20s
                  - { id: health, action: http.check, with: { url: "http://127.0.0.1:{{ params.port }}/" } }
                  - { id: stop, action: process.stop, with: { pidfile: "%s/server.pid", grace: 2s } }
                """.formatted(port, dir, dir, dir));
        long pid = finished(events, "start").get("outputs").get("pid").asLong();
        assertThat(finished(events, "health").get("outputs").get("status").asInt()).isEqualTo(200);
        assertThat(finished(events, "stop").get("outputs").get("pids").get(0).asLong()).isEqualTo(pid);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aFailingCommandReportsItsExitAndLastErrorLine() throws Exception {
        List<JsonNode> events = run("""
                steps:
                  - { id: tests, action: exec, with: { shell: "echo one >&2; echo 'two failed' >&2; exit 3" } }
                """);
        JsonNode result = finished(events, "tests");
        assertThat(result.get("error").asText()).isEqualTo("exit 3 (expected 0): two failed");
        assertThat(result.get("outputs").get("exit_code").asInt()).isEqualTo(3);
        assertThat(events.get(events.size() - 1).get("exit_code").asInt()).isEqualTo(1);
    }
}
