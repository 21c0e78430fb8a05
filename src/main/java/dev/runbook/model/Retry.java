package dev.runbook.model;

import java.time.Duration;

/** Attempts in all (1 = no retry), the first delay, and the factor each later delay grows by. */
public record Retry(int attempts, Duration delay, double backoff) {
    public static final Retry NONE = new Retry(1, Duration.ZERO, 1.0);
}
