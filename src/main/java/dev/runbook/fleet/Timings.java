package dev.runbook.fleet;

/**
 * Where one host's time went, in milliseconds: connecting (TCP, key exchange, authentication), the
 * probe (Java version and cache, one exec; 0 when the host had this version cached, checked in the
 * run's own exec), uploads (0, 1 or 2 files: jar and runbook), and the
 * remote run itself (JVM start included). For the benchmark and for finding a slow host.
 */
public record Timings(long connectMs, long probeMs, long uploadMs, int uploaded, long runMs) {

    public static final Timings NONE = new Timings(0, 0, 0, 0, 0);
}
