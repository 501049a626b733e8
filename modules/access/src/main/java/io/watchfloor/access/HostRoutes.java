package io.watchfloor.access;

import io.watchfloor.config.BastionConfig;
import io.watchfloor.config.HostConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.ssh.CertificateIdentity;
import io.watchfloor.ssh.SshAddress;
import io.watchfloor.ssh.SshAuth;
import io.watchfloor.ssh.SshHop;
import io.watchfloor.ssh.SshRoute;
import java.nio.file.Path;
import java.util.List;

/**
 * How config says a host is reached: the bastion hop, and the target with the polling identity or, for a
 * just-in-time shell, the certificate. One rule for both, so a shell goes exactly the way the poller does.
 */
public final class HostRoutes {
    private HostRoutes() {
    }

    /** The route the poller uses: the host's own identity (or ssh-agent and the default keys). */
    public static SshRoute poll(WatchfloorConfig config, HostConfig host) {
        SshHop target = new SshHop(new SshAddress(host.host(), host.port(), host.user()), auth(host.identity()),
                knownHosts(host.knownHosts()));
        return new SshRoute(host.id(), target, jump(config, host));
    }

    /** The route of a just-in-time shell: the same bastion hop, the login {@code principal} with the certificate. */
    public static SshRoute jit(WatchfloorConfig config, HostConfig host, String principal, CertificateIdentity identity) {
        SshHop target = new SshHop(new SshAddress(host.host(), host.port(), principal),
                new SshAuth.Certificate(identity), knownHosts(host.knownHosts()));
        return new SshRoute(host.id(), target, jump(config, host));
    }

    /** The bastion hop of this host, or null when it is reached directly. */
    public static SshHop jump(WatchfloorConfig config, HostConfig host) {
        if (host.bastion() == null) {
            return null;
        }
        BastionConfig b = config.bastion(host.bastion());
        if (b == null) {
            throw new IllegalArgumentException("host " + host.id() + " names unknown bastion " + host.bastion());
        }
        return new SshHop(new SshAddress(b.host(), b.port(), b.user()), auth(b.identity()), knownHosts(b.knownHosts()));
    }

    /** A key file when config names one, else ssh-agent and then ~/.ssh's default keys, as ssh(1) would. */
    public static SshAuth auth(Path identity) {
        return identity == null ? new SshAuth.DefaultKeys() : new SshAuth.KeyFiles(List.of(identity));
    }

    /** The config reader fills in ~/.ssh/known_hosts; this covers records made in code. */
    public static Path knownHosts(Path configured) {
        return configured != null ? configured : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }
}
