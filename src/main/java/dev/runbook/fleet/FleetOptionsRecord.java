package dev.runbook.fleet;

import dev.runbook.json.PlainJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fleet request's options as the fleet journal keeps them (JSON), so {@code runbook resume
 * FLEET_RUN} goes on with the same params, selection, waves, budget, rollback and SSH settings.
 * Secrets are kept by name only: they are given again to resume.
 */
public final class FleetOptionsRecord {

    private FleetOptionsRecord() {
    }

    static String write(FleetRequest request) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("params", request.params());
        options.put("selection", request.selection());
        options.put("secrets", List.copyOf(request.secrets().keySet()));
        options.put("cancel_in_flight", request.cancelInFlight());
        options.put("ssh_dir", request.ssh().sshDir().map(Path::toString).orElse(null));
        options.put("identity", request.ssh().identity().map(Path::toString).orElse(null));
        options.put("accept_new_host_keys", request.ssh().acceptNewHostKeys());
        options.put("connect_timeout_s", request.ssh().connectTimeout().toSeconds());
        options.put("host_timeout_s", request.ssh().runTimeout().toSeconds());
        return PlainJson.write(options);
    }

    /** The request of a recorded fleet run, with the hosts named in it read again from its inventory. */
    @SuppressWarnings("unchecked")
    public static FleetRequest read(FleetRunRecord run, String json, List<FleetHost> hosts, Map<String, String> secrets,
                                    Path jar, java.util.Set<String> secretParams) throws IOException {
        Map<String, Object> o = (Map<String, Object>) PlainJson.read(json);
        SshOptions ssh = new SshOptions(Optional.ofNullable((String) o.get("ssh_dir")).map(Path::of),
                Optional.ofNullable((String) o.get("identity")).map(Path::of),
                Boolean.TRUE.equals(o.get("accept_new_host_keys")),
                Duration.ofSeconds(((Number) o.get("connect_timeout_s")).longValue()),
                Duration.ofSeconds(((Number) o.get("host_timeout_s")).longValue()));
        return new FleetRequest(run.id(), Path.of(run.file()), run.runbook(), run.inventory(), hosts,
                (List<String>) o.get("selection"), (Map<String, String>) o.get("params"), secrets,
                Serial.parse(run.serial()), FailureBudget.parse(run.maxFail()), run.rollback(),
                Boolean.TRUE.equals(o.get("cancel_in_flight")), run.dryRun(), ssh, jar, secretParams);
    }

    /** The names of the secrets the run was given (to ask for them again). */
    @SuppressWarnings("unchecked")
    public static List<String> secretNames(String json) throws IOException {
        return (List<String>) ((Map<String, Object>) PlainJson.read(json)).get("secrets");
    }
}
