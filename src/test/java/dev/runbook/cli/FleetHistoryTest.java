package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.fleet.FleetJournal;
import dev.runbook.fleet.FleetRunRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history --fleet}: the fleet runs of a state folder, as a table or (--json) as a JSON array. */
class FleetHistoryTest {

    @TempDir
    Path state;

    @Test
    void fleetRunsAreListedAsATableOrAsJson() throws Exception {
        try (FleetJournal journal = FleetJournal.open(state)) {
            journal.start(new FleetRunRecord("fleet-1", "upgrade", "u.yaml", "hosts.yaml", false, "1", "0", true,
                    "running", Optional.empty(), Instant.parse("2026-12-04T10:00:00Z"), Optional.empty()),
                    Map.of("h1", 1, "h2", 1), "{}");
            journal.finish("fleet-1", "rolled back", 4);
        }
        StringWriter out = new StringWriter();
        int code = Main.execute(new String[] {"history", "--fleet", "--json", "--state", state.toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        JsonNode runs = new ObjectMapper().readTree(out.toString());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("id").asText()).isEqualTo("fleet-1");
        assertThat(runs.get(0).get("status").asText()).isEqualTo("rolled back");
        assertThat(runs.get(0).get("exit_code").asInt()).isEqualTo(4);
        assertThat(runs.get(0).get("hosts").asInt()).isEqualTo(2);

        StringWriter table = new StringWriter();
        Main.execute(new String[] {"history", "--fleet", "--state", state.toString()}, new PrintWriter(table, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(table.toString()).startsWith("FLEET RUN").contains("fleet-1").contains("rolled back");
    }
}
