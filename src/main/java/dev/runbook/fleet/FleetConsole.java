package dev.runbook.fleet;

import dev.runbook.template.Masker;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The human output of a fleet run on stderr: a line as each host ends and a summary after each wave;
 * on a terminal also one live line per host in flight (its current step and time), redrawn in place
 * below them and never written into a pipe or a file.
 */
public final class FleetConsole implements FleetListener {

    private final PrintWriter err;
    private final boolean live;
    private final Masker masker;
    private final Map<String, String> inFlight = new LinkedHashMap<>();
    private final Map<String, Long> since = new LinkedHashMap<>();
    private int drawn;

    public FleetConsole(PrintWriter err, boolean live, Masker masker) {
        this.err = err;
        this.live = live;
        this.masker = masker;
    }

    @Override
    public synchronized void waveStarted(int wave, int waves, List<String> hosts) {
        say("wave " + wave + "/" + waves + ": " + String.join(", ", hosts));
    }

    @Override
    public synchronized void hostStarted(String host, int wave, String phase) {
        inFlight.put(host, phase);
        since.put(host, System.nanoTime());
        redraw();
    }

    @Override
    public synchronized void hostEvent(String host, Map<?, ?> event) {
        if ("step_started".equals(event.get("event"))) {
            inFlight.put(host, "step " + event.get("step"));
            redraw();
        }
    }

    @Override
    public synchronized void hostFinished(HostRecord host) {
        inFlight.remove(host.host());
        Long start = since.remove(host.host());
        String took = start == null ? "" : String.format(" (%.1f s)", (System.nanoTime() - start) / 1e9);
        say(String.format("  %-16s %-13s%s%s%s", host.host(), host.status().word(),
                host.remoteRun().map(r -> " run " + r).orElse(""), took, host.error().map(e -> "  " + e).orElse("")));
    }

    @Override
    public synchronized void waveFinished(int wave, List<HostRecord> hosts) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        hosts.forEach(h -> counts.merge(h.status().word(), 1L, Long::sum));
        say("wave " + wave + " done: " + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    @Override
    public synchronized void rollbackStarted(List<String> hosts) {
        say(hosts.isEmpty() ? "failure budget spent: no host finished a run, so fleet rollback has nothing to undo"
                : "failure budget spent: fleet rollback, undoing " + String.join(", ", hosts) + " (last wave first)");
    }

    @Override
    public synchronized void fleetFinished(FleetResult result) {
        say("fleet run " + result.id() + ": " + result.status() + " — " + result.summary());
        if (result.status().equals(FleetRunner.NEEDS_DECISION)) {
            say("  decide, then: runbook resume " + result.id() + " --retry-interrupted (run the cut-off step again) "
                    + "and/or --stop-survivors (end what the dead run left running); nothing was rolled back");
        }
    }

    /** A permanent line, above the live lines. */
    private void say(String line) {
        clear();
        err.println(plain(masker.mask(line)));
        redraw();
    }

    /** What a host said, shown as text: its control characters (escape sequences a terminal would obey) as '?'. */
    static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) && c != '\t' ? '?' : c));
        return out.toString();
    }

    private void clear() {
        if (live && drawn > 0) {
            err.print("\033[" + drawn + "F\033[J");
            drawn = 0;
        }
    }

    private void redraw() {
        if (!live) {
            err.flush();
            return;
        }
        clear();
        long now = System.nanoTime();
        inFlight.forEach((host, what) -> err.println(plain(masker.mask(String.format("  %-16s %s %.0fs", host, what,
                (now - since.getOrDefault(host, now)) / 1e9)))));
        drawn = inFlight.size();
        err.flush();
    }
}
