package io.watchfloor.sources.ssh;

import io.watchfloor.config.BastionConfig;
import io.watchfloor.config.HostConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.ssh.SshExecutor;
import io.watchfloor.ssh.SshRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The SSH polling sources for a config: one per bastion with hosts behind it ({@code ssh-<bastionId>}), and
 * {@code ssh-direct} for hosts reached without a bastion. Each takes interval, timeout and concurrency from its
 * bastion; direct hosts get the bastion defaults.
 */
public final class HostFleetSources {
    public static final String DIRECT = "direct";

    private HostFleetSources() {
    }

    public static List<HostFleetSource> create(WatchfloorConfig config, SshExecutor ssh,
                                               Function<HostConfig, SshRoute> routes, SourceContext context) {
        Map<String, List<HostConfig>> groups = new LinkedHashMap<>();
        for (HostConfig host : config.hosts()) {
            String group = host.bastion() == null || host.bastion().isBlank() ? DIRECT : host.bastion();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(host);
        }
        List<HostFleetSource> sources = new ArrayList<>();
        groups.forEach((group, hosts) -> {
            BastionConfig b = group.equals(DIRECT) ? null : config.bastion(group);
            sources.add(new HostFleetSource("ssh-" + group,
                    b == null ? BastionConfig.DEFAULT_INTERVAL : b.interval(),
                    b == null ? BastionConfig.DEFAULT_TIMEOUT : b.timeout(),
                    b == null ? BastionConfig.DEFAULT_CONCURRENCY : b.concurrency(),
                    hosts, ssh, routes, context));
        });
        return sources;
    }
}
