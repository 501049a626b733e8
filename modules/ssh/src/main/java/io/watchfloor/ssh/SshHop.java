package io.watchfloor.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One hop of a route: address, authentication, and the known_hosts file its host key is checked against.
 */
public record SshHop(SshAddress address, SshAuth auth, Path knownHosts) {
    public SshHop {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(knownHosts, "knownHosts");
    }
}
