package dev.runbook.fleet;

import dev.runbook.journal.RunLocked;
import dev.runbook.journal.TargetLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One fleet run (or resume) of a runbook per host at a time, on this controller: a {@link TargetLock}
 * per host, keyed on the runbook and where the host is reached, so two fleet runs of one change over
 * the same hosts (or two resumes of one fleet run) exclude each other however their inventories name
 * them. Without it the second found a host busy (its engine's own lock), counted that as a failure,
 * and rolled back the hosts the first had just changed. Taken all or none; the kernel releases them
 * when the controller dies.
 */
public final class FleetLocks implements AutoCloseable {

    private final List<TargetLock> held;

    private FleetLocks(List<TargetLock> held) {
        this.held = held;
    }

    public static FleetLocks acquire(String runbook, List<FleetHost> hosts, Path journal, Map<String, String> env)
            throws RunLocked {
        List<TargetLock> held = new ArrayList<>();
        try {
            for (FleetHost host : hosts) {
                held.add(TargetLock.acquire(TargetLock.directory(env), key(runbook, host), journal, machine()));
            }
            return new FleetLocks(held);
        } catch (RunLocked | RuntimeException e) {
            held.forEach(TargetLock::close);
            throw e;
        }
    }

    static String key(String runbook, FleetHost host) {
        return runbook + " on " + host.user().map(u -> u + "@").orElse("") + host.address()
                + host.port().map(p -> ":" + p).orElse("") + " (a fleet run)";
    }

    /** Names the fleet run that holds them, for a refused one's message. */
    public void holdFor(String fleetRun) {
        held.forEach(lock -> lock.holdFor(fleetRun));
    }

    private static String machine() {
        return String.valueOf(dev.runbook.plan.Host.facts().get("name"));
    }

    @Override
    public void close() {
        held.forEach(TargetLock::close);
    }
}
