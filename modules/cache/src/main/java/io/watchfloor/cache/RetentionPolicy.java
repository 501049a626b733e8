package io.watchfloor.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the cache keeps what. Raw samples are kept for {@code raw}; older samples survive as rollup
 * buckets of {@code rollupStep} (min/max/avg) until they are older than {@code rollupRetention}.
 * Mirrors {@code io.watchfloor.config.CacheConfig} without depending on the config module.
 */
public record RetentionPolicy(Duration raw, Duration rollupStep, Duration rollupRetention) {

    /**
     * 6 h raw, then 5 min buckets for 7 days. With 2048 series at 1 Hz, 1 min buckets came to about 620 MB of
     * rollups (20.6 M rows) and a compaction pause near 45 s; 5 min buckets are about 125 MB
     * (docs/decisions/0002). {@code CacheConfig.DEFAULTS} in the config module is set separately.
     */
    public static final RetentionPolicy DEFAULTS =
            new RetentionPolicy(Duration.ofHours(6), Duration.ofMinutes(5), Duration.ofDays(7));

    public RetentionPolicy {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(rollupStep, "rollupStep");
        Objects.requireNonNull(rollupRetention, "rollupRetention");
        if (raw.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("raw retention must be at least 1 s, was " + raw);
        }
        if (rollupStep.compareTo(Duration.ofSeconds(1)) < 0 || rollupStep.compareTo(Duration.ofDays(1)) > 0
                || rollupStep.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("rollup step must be whole seconds between 1 s and 1 day, was " + rollupStep);
        }
        if (rollupRetention.compareTo(raw) < 0) {
            throw new IllegalArgumentException("rollup retention (" + rollupRetention
                    + ") must not be shorter than the raw retention (" + raw + ")");
        }
    }

    long rawMillis() {
        return raw.toMillis();
    }

    long stepMillis() {
        return rollupStep.toMillis();
    }

    long rollupRetentionMillis() {
        return rollupRetention.toMillis();
    }
}
