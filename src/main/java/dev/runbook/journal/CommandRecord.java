package dev.runbook.journal;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A command a step started, as journaled: its RUNBOOK_TREE token, the command line (secrets
 * masked), its pid and start mark (boot id / clock ticks after boot, see {@link ProcessIdentity}).
 */
public record CommandRecord(String stepId, int attempt, String token, String command, long pid,
                            Optional<String> startMark, Instant startedAt) {

    /** The start ticks when the mark is of this boot (bootId), else empty: another boot's pid is no one now. */
    public OptionalLong startTicks(String bootId) {
        if (startMark.isEmpty() || !startMark.get().startsWith(bootId + "/")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(startMark.get().substring(bootId.length() + 1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
