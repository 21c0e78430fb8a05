package dev.runbook.journal;

import java.util.Locale;
import java.util.Optional;

/**
 * What a dry run's preview said a step would do, as the journal stores it (column
 * {@code steps.verdict}); the action layer's {@code Preview.Verdict} maps onto it by name. Empty for
 * a real run's steps and for rows written before journal schema 7.
 */
public enum Verdict {
    CHANGES("would change something"),
    NO_CHANGE("would change nothing"),
    REFUSES("would refuse"),
    NOT_PROBED("not probed"),
    OPAQUE("cannot be known in advance");

    private final String sentence;

    Verdict(String sentence) {
        this.sentence = sentence;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String sentence() {
        return sentence;
    }

    static Optional<Verdict> of(String word) {
        if (word == null) {
            return Optional.empty();
        }
        for (Verdict verdict : values()) {
            if (verdict.word().equals(word)) {
                return Optional.of(verdict);
            }
        }
        return Optional.empty();
    }
}
