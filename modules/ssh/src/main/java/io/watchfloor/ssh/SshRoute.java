package io.watchfloor.ssh;

import java.util.Objects;

/**
 * How to reach a host: directly, or through a bastion (a jump over a direct-tcpip channel of the bastion's session).
 *
 * @param hostId the configured host id, for messages and host-key events
 * @param jump   the bastion, or null to connect directly
 */
public record SshRoute(String hostId, SshHop target, SshHop jump) {
    public SshRoute {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(target, "target");
    }
}
