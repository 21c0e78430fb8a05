package dev.runbook.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids like {@code 20261122-034512-7f3a}: the UTC start to the second, so ids sort by time and a
 * person can tell roughly when a run was, plus four hex digits so runs started in the same second
 * differ. Not a secret, so an ordinary random source will do.
 */
final class RunIds {

    private static final DateTimeFormatter PREFIX = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    static String of(Instant startedAt, int suffix) {
        return PREFIX.format(startedAt) + "-" + String.format("%04x", suffix & 0xffff);
    }

    /** An id no run in the journal has; called inside the transaction that inserts the run. */
    static String unused(Connection connection, Instant startedAt) throws SQLException {
        try (PreparedStatement taken = connection.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
            while (true) {
                String id = of(startedAt, ThreadLocalRandom.current().nextInt(0x10000));
                taken.setString(1, id);
                try (ResultSet row = taken.executeQuery()) {
                    if (!row.next()) {
                        return id;
                    }
                }
            }
        }
    }
}
