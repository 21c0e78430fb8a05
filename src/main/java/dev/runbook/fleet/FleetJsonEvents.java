package dev.runbook.fleet;

import dev.runbook.json.PlainJson;
import dev.runbook.template.Masker;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * --json for a fleet run: each host's own events (docs/EVENTS.md) with a {@code host} field added,
 * and the fleet's: fleet_started is implied by the first wave_started; wave_started, host_finished,
 * wave_finished, rollback_started, fleet_finished (docs/FLEET.md). One JSON object per line on stdout.
 */
public final class FleetJsonEvents implements FleetListener {

    private final PrintWriter out;
    private final Masker masker;
    private final String fleetRun;

    public FleetJsonEvents(PrintWriter out, Masker masker, String fleetRun) {
        this.out = out;
        this.masker = masker;
        this.fleetRun = fleetRun;
    }

    @Override
    public void waveStarted(int wave, int waves, List<String> hosts) {
        emit(event("wave_started", Map.of("wave", wave, "waves", waves, "hosts", hosts)));
    }

    @Override
    public void hostEvent(String host, Map<?, ?> event) {
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("host", host);
        event.forEach((k, v) -> copy.put(String.valueOf(k), v));
        emit(copy);
    }

    private final Map<String, Timings> timings = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void hostTimed(String host, Timings timings) {
        this.timings.put(host, timings);
    }

    @Override
    public void hostFinished(HostRecord host) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("host", host.host());
        fields.put("wave", host.wave());
        fields.put("status", host.status().word());
        fields.put("remote_run", host.remoteRun().orElse(null));
        fields.put("exit_code", host.exitCode().orElse(null));
        fields.put("failed_step", host.failedStep().orElse(null));
        fields.put("undo_run", host.undoRun().orElse(null));
        fields.put("error", host.error().orElse(null));
        Timings t = timings.remove(host.host());
        if (t != null) {
            fields.put("timings_ms", Map.of("connect", t.connectMs(), "probe", t.probeMs(), "upload", t.uploadMs(),
                    "uploaded_files", t.uploaded(), "run", t.runMs()));
        }
        emit(event("host_finished", fields));
    }

    @Override
    public void waveFinished(int wave, List<HostRecord> hosts) {
        emit(event("wave_finished", Map.of("wave", wave)));
    }

    @Override
    public void rollbackStarted(List<String> hosts) {
        emit(event("rollback_started", Map.of("hosts", hosts)));
    }

    @Override
    public void fleetFinished(FleetResult result) {
        emit(event("fleet_finished", Map.of("status", result.status(), "exit_code", result.exitCode(),
                "summary", result.summary())));
    }

    private Map<String, Object> event(String name, Map<String, ?> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", name);
        event.put("time", Instant.now().toString());
        event.put("fleet_run", fleetRun);
        event.putAll(fields);
        return event;
    }

    private synchronized void emit(Map<String, Object> event) {
        out.println(PlainJson.write(masker.maskDeep(event)));
        out.flush();
    }
}
