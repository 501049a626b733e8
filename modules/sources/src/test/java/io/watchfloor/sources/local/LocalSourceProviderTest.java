package io.watchfloor.sources.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.Position;
import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKind;
import io.watchfloor.sources.SourceContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class LocalSourceProviderTest {
    private final LocalSourceProvider provider = new LocalSourceProvider();

    @Test
    void defaultsAndEveryOptionAreValid() {
        assertThat(provider.type()).isEqualTo("local");
        assertThat(provider.validate(LocalConfigs.local(Map.of()))).isEmpty();
        assertThat(provider.validate(LocalConfigs.local(Map.of("disk", "/var", "gpus", "off",
                "nvidiaSmi", "/usr/bin/nvidia-smi")))).isEmpty();
        assertThat(provider.validate(LocalConfigs.local(Map.of("gpus", "AUTO")))).isEmpty();
        // a YAML 1.1 reader turns a bare off into false
        assertThat(provider.validate(LocalConfigs.local(Map.of("gpus", false)))).isEmpty();
    }

    @Test
    void unknownOptionIsReportedAtItsPositionWithTheAllowedKeys() {
        assertThat(provider.validate(LocalConfigs.local(Map.of("gpu", "off")))).singleElement().satisfies(p -> {
            assertThat(p.position()).isEqualTo(new Position(LocalConfigs.FILE, 12, 7));
            assertThat(p.message()).contains("'gpu'").contains("disk, gpus, nvidiaSmi");
        });
    }

    @Test
    void badValuesAndUrlAreProblems() {
        assertThat(provider.validate(LocalConfigs.local(Map.of("gpus", "maybe")))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("auto or off"));
        assertThat(provider.validate(LocalConfigs.local(Map.of("disk", 3L)))).hasSize(1);
        assertThat(provider.validate(LocalConfigs.local(Map.of("nvidiaSmi", " ")))).hasSize(1);
        assertThat(provider.validate(LocalConfigs.local(Map.of(), URI.create("http://x:9100")))).singleElement()
                .satisfies(p -> assertThat(p.position()).isEqualTo(LocalConfigs.ENTRY));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisMachine() throws Exception {
        SourceContext ctx = new SourceContext(Clock.systemUTC(), Thresholds.DEFAULTS);
        Source source = provider.create(LocalConfigs.local(Map.of("gpus", "off")), ctx);

        // CPU needs two /proc/stat snapshots at least one clock tick (10 ms) apart
        PollResult second = source.poll();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!second.readings().getFirst().has(Metric.CPU_PCT) && System.nanoTime() < deadline) {
            second = source.poll();
        }

        assertThat(source.type()).isEqualTo("local");
        assertThat(source.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(second.warnings()).isEmpty();
        Reading host = second.readings().getFirst();
        assertThat(second.readings()).hasSize(1);
        assertThat(host.key().kind()).isEqualTo(TileKind.HOST);
        assertThat(host.key().host()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
        assertThat(host.metrics()).containsKeys(Metric.CPU_PCT, Metric.MEM_USED_MIB, Metric.MEM_TOTAL_MIB,
                Metric.DISK_USED_PCT);
        assertThat(host.value(Metric.MEM_USED_MIB)).isLessThan(host.value(Metric.MEM_TOTAL_MIB));
    }
}
