package io.watchfloor.sources.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.watchfloor.config.BastionConfig;
import io.watchfloor.config.HostConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostFleetSourcesTest {
    private static HostConfig host(String id, String bastion) {
        return new HostConfig(id, id + ".lan", 22, "ops", bastion, null, null, List.of(), List.of(), null, null);
    }

    @Test
    void oneSourcePerBastionAndOneForDirectHosts() {
        BastionConfig east = new BastionConfig("east", "bastion-east", 22, "ops", null, null, Duration.ofSeconds(30),
                Duration.ofSeconds(5), 4, null);
        BastionConfig west = new BastionConfig("west", "bastion-west", 2222, "ops", null, null, null, null, 0, null);
        WatchfloorConfig config = new WatchfloorConfig(Path.of("watchfloor.yaml"), List.of(), null, null, List.of(),
                List.of(), null, List.of(), List.of(), List.of(), List.of(east, west),
                List.of(host("gpu-01", "east"), host("lab-1", null), host("gpu-02", "east"), host("gpu-09", "west")),
                null);

        List<HostFleetSource> sources = HostFleetSources.create(config, new FakeSsh(), FakeSsh::route,
                new SourceContext(Clock.systemUTC(), Thresholds.DEFAULTS));

        assertThat(sources).extracting(HostFleetSource::id, HostFleetSource::type, HostFleetSource::interval)
                .containsExactly(tuple("ssh-east", "ssh", Duration.ofSeconds(30)),
                        tuple("ssh-direct", "ssh", BastionConfig.DEFAULT_INTERVAL),
                        tuple("ssh-west", "ssh", BastionConfig.DEFAULT_INTERVAL));
        assertThat(sources.getFirst().hosts()).extracting(HostConfig::id).containsExactly("gpu-01", "gpu-02");
        assertThat(sources.get(1).hosts()).extracting(HostConfig::id).containsExactly("lab-1");
        sources.forEach(HostFleetSource::close);
    }
}
