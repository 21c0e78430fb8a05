package dev.runbook.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a runbook through the real CLI in-process (JSON Lines events), state kept under dir. */
final class Cli4Test {

    private final Path dir;
    private final RestoreHooks hooks;
    String stderr = "";

    Cli4Test(Path dir) {
        this(dir, RestoreHooks.standard());
    }

    /** Restores in these runs are given these hooks (checkpoints, Linux calls). */
    Cli4Test(Path dir, RestoreHooks hooks) {
        this.dir = dir;
        this.hooks = hooks;
    }

    List<JsonNode> run(String steps, String... extra) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, "format: 1\nname: r\n" + steps);
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--json", "--state",
                dir.resolve("state").toString()));
        args.addAll(List.of(extra));
        return execute(args.toArray(String[]::new));
    }

    /** Any runbook command line; its JSON Lines events. */
    List<JsonNode> execute(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), hooks);
        stderr = err.toString();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                events.add(new ObjectMapper().readTree(line));
            }
        }
        return events;
    }

    static JsonNode finished(List<JsonNode> events, String step) {
        return events.stream().filter(e -> e.get("event").asText().startsWith("step_f")
                && e.get("step").asText().equals(step)).findFirst()
                .orElseThrow(() -> new AssertionError("no step_finished for " + step + " in " + events));
    }

    static List<String> effects(JsonNode finished) {
        List<String> effects = new ArrayList<>();
        finished.path("effects").forEach(e -> effects.add(e.asText()));
        return effects;
    }
}
