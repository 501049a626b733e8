package io.watchfloor.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Immutable status of one source as published by the poller engine.
 *
 * @param since          when the source entered {@code state}
 * @param lastError      the last error shown to the user (never contains secrets), null when none
 * @param lastSuccessAt  the last poll that returned data, null if never
 * @param nextPollAt     when the engine will poll next (after backoff), null if unknown
 */
public record SourceStatus(
        String id,
        String type,
        SourceState state,
        Instant since,
        String lastError,
        Instant lastSuccessAt,
        Instant lastAttemptAt,
        int consecutiveFailures,
        Duration interval,
        Instant nextPollAt) {

    public static SourceStatus pending(String id, String type, Duration interval, Instant now) {
        return new SourceStatus(id, type, SourceState.PENDING, now, null, null, null, 0, interval, null);
    }

    public boolean isHealthy() {
        return state == SourceState.UP || state == SourceState.DEGRADED;
    }
}
