package io.watchfloor.config;

import java.time.Duration;

/**
 * Cache retention. Raw samples are kept for {@code raw}; older data survives as rollups of
 * {@code rollupStep} buckets (min/max/avg) for {@code rollupRetention}.
 *
 * @param encryptionKeyEnv name of the environment variable holding the AES key, null for no encryption
 */
public record CacheConfig(Duration raw, Duration rollupStep, Duration rollupRetention, String encryptionKeyEnv) {
    public static final CacheConfig DEFAULTS = new CacheConfig(Duration.ofHours(6), Duration.ofMinutes(5), Duration.ofDays(7), null);
}
