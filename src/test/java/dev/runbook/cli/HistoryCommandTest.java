package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history over a real journal: filters, dry runs hidden by default, JSON, durations for people. */
class HistoryCommandTest {

    @TempDir
    Path dir;

    private String out;
    private String err;

    @BeforeEach
    void fourRuns() throws Exception {
        Files.writeString(dir.resolve("slow.yaml"), """
                format: 1
                name: slow
                params:
                  fail: { type: bool, default: false }
                steps:
                  - { id: pause, action: wait, with: { duration: 1100ms } }
                  - { id: check, action: assert, with: { that: "{{ not params.fail }}" } }
                """);
        Files.writeString(dir.resolve("other.yaml"), """
                format: 1
                name: other
                steps:
                  - { id: pause, action: wait, with: { duration: 1ms } }
                """);
        assertThat(cli("run", dir.resolve("slow.yaml").toString())).isZero();
        assertThat(cli("run", dir.resolve("slow.yaml").toString(), "-p", "fail=true")).isEqualTo(1);
        assertThat(cli("run", dir.resolve("slow.yaml").toString(), "--dry-run")).isZero();
        assertThat(cli("run", dir.resolve("other.yaml").toString())).isZero();
    }

    @Test
    void dryRunsAreHiddenUnlessAskedFor() throws Exception {
        assertThat(cli("history")).isZero();
        assertThat(rows()).extracting(r -> r[1] + " " + r[2] + " " + r[3])
                .containsExactly("other succeeded no", "slow failed no", "slow succeeded no");
        assertThat(cli("history", "--dry-runs")).isZero();
        assertThat(rows()).extracting(r -> r[1] + " " + r[2] + " " + r[3])
                .containsExactly("other succeeded no", "slow succeeded yes", "slow failed no", "slow succeeded no");
    }

    @Test
    void filtersByRunbookStatusAndStartTime() throws Exception {
        assertThat(cli("history", "--runbook", "slow")).isZero();
        assertThat(rows()).extracting(r -> r[2]).containsExactly("failed", "succeeded");
        assertThat(cli("history", "--status", "failed")).isZero();
        assertThat(rows()).extracting(r -> r[1] + " " + r[2]).containsExactly("slow failed");
        assertThat(cli("history", "--since", "1h", "--runbook", "other")).isZero();
        assertThat(rows()).hasSize(1);
        assertThat(cli("history", "--since", "2999-01-01")).isZero();
        assertThat(rows()).isEmpty();
        assertThat(cli("history", "--status", "done")).isEqualTo(64);
        assertThat(err).isEqualTo("runbook: --status done: unknown status\n"
                + "  hint: one of running, succeeded, failed, rolled_back, interrupted, would_stop, not_confirmed\n");
        assertThat(cli("history", "--since", "yesterday")).isEqualTo(64);
        assertThat(err).startsWith("runbook: --since yesterday: not a date, time or duration\n");
    }

    @Test
    void durationsAreForPeopleAndJsonHasEveryField() throws Exception {
        assertThat(cli("history", "--runbook", "slow", "--status", "succeeded")).isZero();
        assertThat(out.split("\n")[1]).matches(".* 1\\.[1-9] s$");
        assertThat(cli("history", "--json", "--dry-runs", "--runbook", "slow")).isZero();
        JsonNode runs = new ObjectMapper().readTree(out);
        assertThat(runs).hasSize(3);
        JsonNode first = runs.get(0);
        assertThat(first.get("dry_run").asBoolean()).isTrue();
        assertThat(first.get("status").asText()).isEqualTo("succeeded");
        assertThat(first.get("runbook").asText()).isEqualTo("slow");
        assertThat(first.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(first.get("started_at").asText()).endsWith("Z");
        assertThat(runs.get(1).get("params").get("fail").asBoolean()).isTrue();
        assertThat(runs.get(2).get("duration_ms").asLong()).isGreaterThanOrEqualTo(1100);
        assertThat(cli("show", runs.get(2).get("id").asText())).isZero();
        assertThat(out).containsPattern("(?m)^  pause +#1 succeeded +1\\.[1-9] s$");
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        String[] lines = out.split("\n");
        for (int i = 1; i < lines.length; i++) {
            rows.add(lines[i].trim().split("\\s+"));
        }
        return rows;
    }

    private int cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--state", dir.resolve("state").toString()));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.execute(all.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }
}
