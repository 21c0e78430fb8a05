package dev.runbook.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.template.Masker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a host says reaches the operator's terminal as text, never as escape sequences it would obey. */
class FleetConsoleTextTest {

    @Test
    void aHostsErrorWithEscapeSequencesIsShownAsText() {
        StringWriter err = new StringWriter();
        FleetConsole console = new FleetConsole(new PrintWriter(err, true), false, new Masker(List.of()));
        console.hostFinished(new HostRecord("h1", 1, HostStatus.FAILED, Optional.of("r1"), Optional.of(1),
                Optional.of("s"), Optional.of(Instant.EPOCH), Optional.of(Instant.EPOCH), Optional.empty(),
                Optional.of("boom \u001b[31mred\u001b]0;pwned\u0007 \u0001"), 0));
        assertThat(err.toString()).contains("boom ?[31mred?]0;pwned? ?").doesNotContain("\u001b").doesNotContain("\u0007");
    }
}
