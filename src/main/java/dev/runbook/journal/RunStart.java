package dev.runbook.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the journal records when a run begins. {@code params} are the resolved values (a
 * {@code Masker} replaces the secret ones before they are written); {@code runbookSha256} is of
 * the runbook file's bytes, so a resume can tell that the runbook changed since; {@code origin}
 * is where the file was and which steps were asked for, so a resume can plan the same steps;
 * {@code lockKey} is what the run lock is keyed on (see dev.runbook.plan.LockKey).
 */
public record RunStart(String runbook, String runbookSha256, Map<String, Object> params, Optional<String> scenario,
                       boolean dryRun, String user, String host, Instant startedAt, RunOrigin origin,
                       String lockKey) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public RunStart {
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startedAt, "startedAt");
        if (!SHA256.matcher(runbookSha256).matches()) {
            throw new IllegalArgumentException("runbookSha256 must be 64 lower-case hex digits: " + runbookSha256);
        }
        // Param values may be null (an optional param not given): Map.copyOf would refuse them.
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        scenario = Objects.requireNonNullElse(scenario, Optional.empty());
        origin = Objects.requireNonNullElse(origin, RunOrigin.UNKNOWN);
        lockKey = Objects.requireNonNullElse(lockKey, runbook);
    }

    /** Locked on the runbook's name alone (what versions before the lock key did). */
    public RunStart(String runbook, String runbookSha256, Map<String, Object> params, Optional<String> scenario,
                    boolean dryRun, String user, String host, Instant startedAt, RunOrigin origin) {
        this(runbook, runbookSha256, params, scenario, dryRun, user, host, startedAt, origin, runbook);
    }

    public RunStart(String runbook, String runbookSha256, Map<String, Object> params, Optional<String> scenario,
                    boolean dryRun, String user, String host, Instant startedAt) {
        this(runbook, runbookSha256, params, scenario, dryRun, user, host, startedAt, RunOrigin.UNKNOWN);
    }
}
