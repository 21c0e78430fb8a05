package dev.runbook.model;

import java.time.Duration;

/** Attempts in all (1 = no retry), the first delay, and the factor each later delay grows by. */
public record Retry(int attempts, Duration delay, double backoff) {
}
