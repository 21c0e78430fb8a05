package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet journal on a real SQLite file, and the reports written from it. */
class FleetJournalTest {

    @TempDir
    Path state;

    private static HostRecord host(String name, int wave, HostStatus status, String run, Integer exit, String failed,
                                   String error) {
        return new HostRecord(name, wave, status, Optional.ofNullable(run), Optional.ofNullable(exit),
                Optional.ofNullable(failed), Optional.of(Instant.parse("2026-12-04T10:00:00Z")),
                Optional.of(Instant.parse("2026-12-04T10:00:02.500Z")), Optional.empty(), Optional.ofNullable(error), 0);
    }

    private String record() throws Exception {
        try (FleetJournal journal = FleetJournal.open(state)) {
            Map<String, Integer> waves = new LinkedHashMap<>();
            waves.put("h1", 1);
            waves.put("h2", 2);
            waves.put("h3", 3);
            journal.start(new FleetRunRecord("fleet-1", "upgrade", "u.yaml", "hosts.yaml", false, "1", "0", true,
                    "running", Optional.empty(), Instant.parse("2026-12-04T10:00:00Z"), Optional.empty()), waves, "{}");
            journal.host("fleet-1", host("h1", 1, HostStatus.UNDONE, "r1", 0, null, null));
            journal.steps("fleet-1", "h1", Map.of("install", "succeeded"));
            journal.host("fleet-1", host("h2", 2, HostStatus.ROLLED_BACK, "r2", 4, "health", "health: exit 1 <x>"));
            Map<String, String> h2 = new LinkedHashMap<>();
            h2.put("install", "undone");
            h2.put("health", "failed");
            journal.steps("fleet-1", "h2", h2);
            journal.host("fleet-1", host("h3", 3, HostStatus.NOT_STARTED, null, null, null, "not started"));
            journal.finish("fleet-1", "rolled back", 4);
        }
        return "fleet-1";
    }

    @Test
    void aFleetRunIsReadBackWithEveryHostsWaveStatusRunExitAndFailedStep() throws Exception {
        String id = record();
        try (FleetJournal journal = FleetJournal.open(state)) {
            assertThat(journal.run(id).orElseThrow().status()).isEqualTo("rolled back");
            assertThat(journal.run(id).orElseThrow().exitCode()).contains(4);
            assertThat(journal.hosts(id)).extracting(h -> h.host() + " " + h.wave() + " " + h.status().word() + " "
                    + h.remoteRun().orElse("-") + " " + h.exitCode().orElse(-1) + " " + h.failedStep().orElse("-"))
                    .containsExactly("h1 1 undone r1 0 -", "h2 2 rolled back r2 4 health", "h3 3 not started - -1 -");
            FleetReports reports = FleetReports.read(journal, id);
            assertThat(reports.text()).contains("h2               wave 2   rolled back   run r2");
            assertThat(reports.markdown()).contains("| h2 | 2 | rolled back | r2 | 4 | health | 2.5s | health: exit 1 &lt;x&gt; |");
            assertThat(reports.html()).contains("<th>install</th><th>health</th>")
                    .contains("<td class=\"undone\">undone</td><td class=\"failed\">failed</td>")
                    .doesNotContain("<x>");
            assertThat(reports.junit()).contains("<testsuite name=\"h1\" tests=\"1\" failures=\"0\">",
                    "<testsuite name=\"h2\" tests=\"2\" failures=\"1\">", "<testsuite name=\"h3\" tests=\"1\" failures=\"0\">",
                    "<failure message=\"failed\">health: exit 1 &lt;x&gt;</failure>");
        }
    }

    @Test
    void hostileTextStaysTextInEveryReportAndStepsKeepTheOrderTheyRanIn() throws Exception {
        try (FleetJournal journal = FleetJournal.open(state)) {
            journal.start(new FleetRunRecord("fleet-2", "upgrade", "u.yaml", "hosts.yaml", true, "1", "0", true,
                    "running", Optional.empty(), Instant.parse("2026-12-04T10:00:00Z"), Optional.empty()),
                    Map.of("h1", 1), "{}");
            journal.host("fleet-2", host("h1", 1, HostStatus.WOULD_REFUSE, "r1", 7, "check",
                    "check: [click](http://evil) `x` a|b \u001b[31mred\u0007"));
            Map<String, String> steps = new LinkedHashMap<>();
            steps.put("check", "would refuse");
            steps.put("install", "would run");
            steps.put("health", "would run");
            journal.steps("fleet-2", "h1", steps);
            journal.finish("fleet-2", "would refuse", 7);
            FleetReports reports = FleetReports.read(journal, "fleet-2");
            assertThat(reports.markdown()).contains("| check: \\[click\\](http://evil) \\`x\\` a\\|b  \\[31mred  |");
            assertThat(reports.html()).contains("<th>check</th><th>install</th><th>health</th><th>error</th>")
                    .contains("<td>check: [click](http://evil) `x` a|b \uFFFD[31mred\uFFFD</td>");
            // A dry run's refusing step is the host's failure: no made-up testcase, no control character in the XML.
            assertThat(reports.junit()).contains("<testsuite name=\"h1\" tests=\"3\" failures=\"1\">")
                    .contains("<testcase classname=\"h1\" name=\"check\"><failure message=\"would refuse\">")
                    .doesNotContain("name=\"host\"").doesNotContain("\u001b").doesNotContain("\u0007");
        }
    }
}
