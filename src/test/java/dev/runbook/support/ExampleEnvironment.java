package dev.runbook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An example environment (examples/tmws/setup, examples/praxis-os/setup) built for a test in a
 * fresh folder on a free port, by the real setup script; {@link #close} stops every process it
 * left running (examples/stop). {@link #facts} is the script's example.json; {@link #runbookParams}
 * turns its runbook_params into "-p k=v" arguments for `runbook run`.
 */
public final class ExampleEnvironment implements AutoCloseable {

    private static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

    private final Path root;
    private final JsonNode facts;
    private final String output;

    private ExampleEnvironment(Path root, JsonNode facts, String output) {
        this.root = root;
        this.facts = facts;
        this.output = output;
    }

    /** kind: "tmws" or "praxis-os"; mode: the script's --break value; extra: more setup options (--size 20). */
    public static ExampleEnvironment create(String kind, Path dir, String mode, String... extra) {
        try {
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of("python3", EXAMPLES.resolve(kind).resolve("setup").toString(),
                    dir.toString(), "--break", mode, "--port", Integer.toString(port)));
            cmd.addAll(List.of(extra));
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
            // The setup's JGit program runs against this test's classpath instead of a packaged jar.
            builder.environment().put("RUNBOOK_CLASSPATH", System.getProperty("java.class.path"));
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                stop(dir);
                throw new IllegalStateException(kind + " setup --break " + mode + " failed:\n" + output);
            }
            Path factsFile = kind.equals("tmws") ? dir.resolve("run/example.json") : dir.resolve("example.json");
            return new ExampleEnvironment(dir, new ObjectMapper().readTree(factsFile.toFile()), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path root() {
        return root;
    }

    public JsonNode facts() {
        return facts;
    }

    public String output() {
        return output;
    }

    public Path path(String factName) {
        return Path.of(facts.get(factName).asText());
    }

    public List<String> runbookParams() {
        List<String> args = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = facts.get("runbook_params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            args.add("-p");
            args.add(param.getKey() + "=" + param.getValue().asText());
        }
        return args;
    }

    public List<String> stopPatterns() {
        List<String> patterns = new ArrayList<>();
        facts.get("stop_patterns").forEach(p -> patterns.add(p.asText()));
        return patterns;
    }

    @Override
    public void close() {
        stop(root);
    }

    private static void stop(Path dir) {
        try {
            Process process = new ProcessBuilder("python3", EXAMPLES.resolve("stop").toString(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
