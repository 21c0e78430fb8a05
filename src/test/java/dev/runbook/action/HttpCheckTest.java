package dev.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runbook.engine.Engine;
import dev.runbook.engine.RunContexts;
import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunOptions;
import dev.runbook.engine.RunResult;
import dev.runbook.engine.StepResult;
import dev.runbook.model.Runbook;
import dev.runbook.parse.RunbookSource;
import dev.runbook.validate.CheckedRunbook;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http.check against a real HTTP server on loopback, run through the engine as a runbook would. */
class HttpCheckTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger healthCalls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Answers 503 three times, then healthy: a server that is still starting.
        server.createContext("/health", exchange -> {
            boolean ready = healthCalls.incrementAndGet() > 3;
            answer(exchange, ready ? 200 : 503, ready ? "{\"status\":\"healthy\",\"checks\":{\"db\":true}}" : "starting");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private StepResult check(String with) throws Exception {
        String text = "format: 1\nname: h\nparams:\n  port: { type: int, default: " + server.getAddress().getPort()
                + " }\nsteps:\n  - id: health\n    action: http.check\n    with: " + with + "\n";
        CheckedRunbook checked = CheckedRunbook.of(new RunbookSource("h.yaml", text), ActionRegistry.builtIn());
        assertThat(checked.problems()).isEmpty();
        Runbook runbook = checked.runbook().orElseThrow();
        RunResult result = new Engine(runbook, checked.graph().orElseThrow(), ActionRegistry.builtIn(),
                Implementations.builtIn(), RunListener.NONE, new RunOptions(false, 1, dir, dir, q -> false))
                .run(checked.graph().orElseThrow().order(), RunContexts.create(runbook, Map.of(), Map.of(), Map.of()));
        return result.result("health").orElseThrow();
    }

    @Test
    void waitsForAStartingServerAndChecksJsonFields() throws Exception {
        StepResult result = check("{ url: \"http://127.0.0.1:{{ params.port }}/health\", interval: 50ms, deadline: 5s, "
                + "json: { status: healthy, checks.db: true } }");
        assertThat(result.error()).isNull();
        assertThat(result.outputs()).containsEntry("status", 200L);
        assertThat(healthCalls.get()).isEqualTo(4);
    }

    @Test
    void reportsTheLastAnswerWhenTheDeadlinePasses() throws Exception {
        StepResult result = check("{ url: \"http://127.0.0.1:{{ params.port }}/health\", interval: 50ms, "
                + "deadline: 5s, json: { status: degraded } }");
        assertThat(result.error()).endsWith("/health JSON status is healthy, expected degraded");
        assertThat(result.outputs().get("body").toString()).contains("healthy");
    }

    @Test
    void nothingListeningFailsAfterTheDeadlineSayingSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        StepResult result = check("{ url: \"http://127.0.0.1:" + closedPort + "/health\", interval: 100ms, "
                + "deadline: 600ms, request_timeout: 200ms }");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(result.error()).contains("no answer: ConnectException");
        assertThat(result.outputs()).containsEntry("status", 0L);
    }
}
