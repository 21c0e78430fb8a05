package dev.runbook.fleet;

import java.util.List;
import java.util.Map;

/** What a fleet run tells its observers (the live terminal lines, --json events); called from hosts' threads. */
public interface FleetListener {

    default void waveStarted(int wave, int waves, List<String> hosts) {
    }

    default void hostStarted(String host, int wave, String phase) {
    }

    /** One event of the host's own run (docs/EVENTS.md), as it arrives. */
    default void hostEvent(String host, Map<?, ?> event) {
    }

    /** Where the host's time went (a run that reached the host; said just before its hostFinished). */
    default void hostTimed(String host, Timings timings) {
    }

    default void hostFinished(HostRecord host) {
    }

    default void waveFinished(int wave, List<HostRecord> hosts) {
    }

    default void rollbackStarted(List<String> hosts) {
    }

    default void fleetFinished(FleetResult result) {
    }
}
