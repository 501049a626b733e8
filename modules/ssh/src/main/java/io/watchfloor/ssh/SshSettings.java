package io.watchfloor.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Transport tuning.
 *
 * @param connectTimeout      TCP connect plus SSH handshake and authentication, per hop
 * @param keepaliveInterval   how often an idle pooled session pings the server
 * @param keepaliveCountMax   unanswered pings before the session counts as dead
 * @param maxConcurrentExecs  exec calls running at once across all hosts; further calls wait
 * @param maxSessionsIdle     how long a pooled session may go unused before it is closed; zero keeps it forever
 */
public record SshSettings(Duration connectTimeout, Duration keepaliveInterval, int keepaliveCountMax,
                          int maxConcurrentExecs, Duration maxSessionsIdle) {
    public static final SshSettings DEFAULTS = new SshSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 3, 32,
            Duration.ofMinutes(10));

    public SshSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
        Objects.requireNonNull(maxSessionsIdle, "maxSessionsIdle");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (keepaliveCountMax < 1 || maxConcurrentExecs < 1) {
            throw new IllegalArgumentException("keepaliveCountMax and maxConcurrentExecs must be at least 1");
        }
    }

    public SshSettings withConnectTimeout(Duration timeout) {
        return new SshSettings(timeout, keepaliveInterval, keepaliveCountMax, maxConcurrentExecs, maxSessionsIdle);
    }

    public SshSettings withMaxConcurrentExecs(int max) {
        return new SshSettings(connectTimeout, keepaliveInterval, keepaliveCountMax, max, maxSessionsIdle);
    }
}
