package dev.runbook.journal;

import java.util.Locale;
import java.util.Optional;

/**
 * How an attempt failed, as the journal stores it (column {@code steps.failure}, the lower-case
 * word) and as show, history and the reports say it. The engine's {@code FailureKind} maps onto it
 * by name. A row written before journal schema 7 has none for a failed attempt: whether it changed
 * something was not recorded.
 */
public enum Failure {
    NONE(""),
    REFUSED("refused before changing anything"),
    CHECK_FAILED("check failed, changed nothing"),
    FAILED("failed, may have changed something"),
    TIMED_OUT("timed out, may have changed something"),
    INTERRUPTED("interrupted, may have changed something"),
    VERIFY_FAILED("changed, then failed verification");

    private final String sentence;

    Failure(String sentence) {
        this.sentence = sentence;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What people read beside the error; empty for NONE. */
    public String sentence() {
        return sentence;
    }

    /** False only when the attempt certainly changed nothing (refused, a read-only check). */
    public boolean mayHaveChanged() {
        return this == FAILED || this == TIMED_OUT || this == INTERRUPTED || this == VERIFY_FAILED;
    }

    /** A stored word; empty for null (not recorded) or a word this build does not know. */
    static Optional<Failure> of(String word) {
        if (word == null) {
            return Optional.empty();
        }
        for (Failure failure : values()) {
            if (failure.word().equals(word)) {
                return Optional.of(failure);
            }
        }
        return Optional.empty();
    }
}
