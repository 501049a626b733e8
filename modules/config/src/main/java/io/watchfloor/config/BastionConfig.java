package io.watchfloor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One entry under {@code bastions:}: the jump host GPU hosts are reached through, and how the hosts behind it are
 * polled. The console keeps one SSH session to the bastion and opens a direct-tcpip channel per host through it.
 *
 * @param identity    private key file for the bastion, or null to use ssh-agent and then the default keys
 *                    (~/.ssh/id_ed25519, id_ecdsa, id_rsa)
 * @param knownHosts  known_hosts file the bastion's host key is checked against (default ~/.ssh/known_hosts)
 * @param interval    how often the hosts behind this bastion are polled (default 15s)
 * @param timeout     per-host budget of one poll: connect, run, read (default 10s)
 * @param concurrency hosts polled at the same time (default 16)
 */
public record BastionConfig(String id, String host, int port, String user, Path identity, Path knownHosts,
                            Duration interval, Duration timeout, int concurrency, Position position) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_CONCURRENCY = 16;

    public BastionConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        concurrency = concurrency <= 0 ? DEFAULT_CONCURRENCY : concurrency;
    }
}
