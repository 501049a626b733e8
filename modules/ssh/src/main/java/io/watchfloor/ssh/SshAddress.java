package io.watchfloor.ssh;

import java.util.Objects;

/** Where one SSH hop listens and whom it logs in as. */
public record SshAddress(String host, int port, String user) {
    public SshAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** How known_hosts names this address: {@code host} on port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** For messages: {@code ops@10.0.0.11:22}. */
    public String label() {
        return user + "@" + host + ":" + port;
    }
}
