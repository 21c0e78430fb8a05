package dev.runbook.fleet;

import dev.runbook.json.PlainJson;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host's {@code runbook history --json}, read to find the run a fleet run started there: by its
 * id when the controller had read it, else the newest real run of the runbook started since the
 * controller started the host (the controller was killed before the run said its id).
 */
final class RemoteHistory {

    private RemoteHistory() {
    }

    static Optional<Map<?, ?>> find(String json, Optional<String> runId, String runbook, Instant hostStarted)
            throws IOException {
        if (!(PlainJson.read(json) instanceof List<?> runs)) {
            throw new IOException("the host's history is not a JSON list");
        }
        Instant since = hostStarted.minusSeconds(5); // the hosts' clocks may differ a little from ours
        for (Object item : runs) { // newest first
            if (item instanceof Map<?, ?> run) {
                boolean same = runId.map(id -> id.equals(run.get("id"))).orElseGet(() -> runbook.equals(run.get("runbook"))
                        && !Boolean.TRUE.equals(run.get("dry_run"))
                        && !Instant.parse(String.valueOf(run.get("started_at"))).isBefore(since));
                if (same) {
                    return Optional.of(run);
                }
            }
        }
        return Optional.empty();
    }
}
