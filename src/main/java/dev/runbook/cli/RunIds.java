package dev.runbook.cli;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Run ids that sort by time and read aloud: 20261122-041503-7f3a. */
final class RunIds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    static String next() {
        return FORMAT.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + String.format("%04x", RANDOM.nextInt(0x10000));
    }
}
