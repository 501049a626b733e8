package io.watchfloor.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.access.Operator;
import io.watchfloor.config.BastionConfig;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.HostConfig;
import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.config.Permission;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.ssh.HostFleetSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshRuntimeTest {
    @Test
    void theEnginesWatchdogOutlastsTheSourcesOwnCutOff(@TempDir Path dir) {
        // 20 hosts, 4 at a time: 5 waves, each allowed the command's timeout plus connecting through the bastion
        BastionConfig bastion = new BastionConfig("dc1", "127.0.0.1", 2222, "ops", null, dir.resolve("known_hosts"),
                Duration.ofSeconds(15), Duration.ofSeconds(5), 4, null);
        List<HostConfig> hosts = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            hosts.add(new HostConfig("gpu-" + i, "10.0.0." + i, 22, "ops", "dc1", null, dir.resolve("known_hosts"),
                    List.of(), List.of(), null, null));
        }
        WatchfloorConfig config = new WatchfloorConfig(null, List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS,
                List.of(), List.of(), IncidentsConfig.DEFAULTS, List.of(), List.of(), List.of(), List.of(bastion), hosts,
                null);
        Operator operator = new Operator("ana", "laptop", null, Set.of(Permission.VIEW), false);

        try (SshRuntime ssh = SshRuntime.open(config, dir, operator,
                new SourceContext(Clock.systemUTC(), WallConfig.DEFAULTS.thresholds()), Clock.systemUTC())) {
            HostFleetSource source = (HostFleetSource) ssh.sources().getFirst();
            // cut short, the engine would drop the cycle before the stuck hosts' own messages are made
            assertThat(ssh.pollTimeouts().get(source.id())).isGreaterThan(source.cycleBudget());
            assertThat(source.cycleBudget()).isGreaterThan(Duration.ofSeconds(5).multipliedBy(5));
        }
    }
}
