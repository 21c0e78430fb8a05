package dev.runbook.model;

import java.time.Duration;
import java.util.Optional;

/** What a step gets when it does not say. */
public record Defaults(Optional<Duration> timeout, Optional<Retry> retry, Optional<OnError> onError) {
    public static final Defaults NONE = new Defaults(Optional.empty(), Optional.empty(), Optional.empty());
}
