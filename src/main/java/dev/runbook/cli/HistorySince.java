package dev.runbook.cli;

import dev.runbook.spec.Durations;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code history --since}: a date (local midnight), an instant, or a duration back from now. */
final class HistorySince {

    private HistorySince() {
    }

    static Optional<Instant> parse(String text, Instant now) throws CliError {
        if (text == null) {
            return Optional.empty();
        }
        Optional<java.time.Duration> ago = Durations.parse(text);
        if (ago.isPresent()) {
            return Optional.of(now.minus(ago.get()));
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant());
        } catch (DateTimeParseException notADate) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException notAnInstant) {
                throw new CliError(ExitCodes.USAGE, "--since " + text + ": not a date, time or duration",
                        "e.g. --since 2025-11-22, --since 2025-11-22T10:30:00Z or --since 2d");
            }
        }
    }
}
