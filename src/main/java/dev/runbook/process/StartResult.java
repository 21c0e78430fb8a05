package dev.runbook.process;

import java.time.Duration;

/**
 * How process.start went. {@code pid} is the started process (0 when nothing started);
 * {@code waited} the time until ready or given up; {@code message} says what happened in words;
 * {@code logTail} is the end of its log (last 8 KiB), for a failure report.
 */
public record StartResult(boolean ok, long pid, Duration waited, String message, String logTail) {
}
