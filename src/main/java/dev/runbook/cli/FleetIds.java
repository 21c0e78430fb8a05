package dev.runbook.cli;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Fleet run ids: {@code fleet-YYYYMMDD-HHMMSS-xxxx}, distinct from a host's run ids at a glance. */
final class FleetIds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private FleetIds() {
    }

    static String next() {
        return "fleet-" + FORMAT.format(java.time.Instant.now()) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
