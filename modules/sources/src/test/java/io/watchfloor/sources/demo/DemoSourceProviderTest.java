package io.watchfloor.sources.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.Position;
import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Source;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSourceProviderTest {
    private final DemoSourceProvider provider = new DemoSourceProvider();
    private final SourceContext context = new SourceContext(
            Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC), Thresholds.DEFAULTS);

    @Test
    void defaultsAreValid() {
        assertThat(provider.type()).isEqualTo("demo");
        assertThat(provider.validate(DemoConfigs.demo(Map.of()))).isEmpty();
        assertThat(provider.validate(DemoConfigs.demo(Map.of("hosts", 512L, "gpusPerHost", 16L, "seed", -3L,
                "model", "NVIDIA H200")))).isEmpty();
    }

    @Test
    void unknownOptionIsReportedAtItsPositionWithTheAllowedKeys() {
        List<ConfigProblem> problems = provider.validate(DemoConfigs.demo(Map.of("host", 3L)));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.position()).isEqualTo(new Position(DemoConfigs.FILE, 6, 7));
            assertThat(p.message()).contains("'host'").contains("hosts, gpusPerHost, model, memoryMib, seed, endpoints");
        });
    }

    @Test
    void outOfRangeAndMistypedValuesAreProblems() {
        assertThat(provider.validate(DemoConfigs.demo(Map.of("hosts", 0L)))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'hosts'").contains("1 to 512"));
        assertThat(provider.validate(DemoConfigs.demo(Map.of("hosts", 513L)))).hasSize(1);
        assertThat(provider.validate(DemoConfigs.demo(Map.of("gpusPerHost", 17L)))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("1 to 16"));
        assertThat(provider.validate(DemoConfigs.demo(Map.of("gpusPerHost", "eight")))).hasSize(1);
        assertThat(provider.validate(DemoConfigs.demo(Map.of("hosts", 2.5)))).hasSize(1);
        assertThat(provider.validate(DemoConfigs.demo(Map.of("seed", "abc")))).hasSize(1);
        assertThat(provider.validate(DemoConfigs.demo(Map.of("model", 7L)))).hasSize(1);
    }

    @Test
    void unknownModelNeedsItsMemorySize() {
        assertThat(provider.validate(DemoConfigs.demo(Map.of("model", "NVIDIA B200")))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("memoryMib").contains("NVIDIA H100 80GB HBM3"));
        assertThat(provider.validate(DemoConfigs.demo(Map.of("model", "NVIDIA B200", "memoryMib", 183359L)))).isEmpty();
    }

    @Test
    void urlIsRejected() {
        assertThat(provider.validate(DemoConfigs.demo(Map.of(), URI.create("http://prom:9090")))).singleElement()
                .satisfies(p -> assertThat(p.position()).isEqualTo(DemoConfigs.ENTRY));
    }

    @Test
    void createBuildsTheConfiguredFleet() throws Exception {
        Source source = provider.create(DemoConfigs.demo(Map.of("hosts", 1L, "gpusPerHost", 4L,
                "model", "NVIDIA L40S", "endpoints", false)), context);
        PollResult result = source.poll();

        assertThat(source.id()).isEqualTo("demo");
        assertThat(source.type()).isEqualTo("demo");
        assertThat(source.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(result.readings()).hasSize(4)
                .allSatisfy(r -> assertThat(r.value(Metric.MEM_TOTAL_MIB)).isEqualTo(46068.0))
                .allSatisfy(r -> assertThat(r.model()).isEqualTo("NVIDIA L40S"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void memoryOptionOverridesTheModelsTotal() throws Exception {
        Source source = provider.create(DemoConfigs.demo(Map.of("hosts", 1L, "gpusPerHost", 1L, "memoryMib", 40960L,
                "endpoints", false)), context);
        assertThat(source.poll().readings().getFirst().value(Metric.MEM_TOTAL_MIB)).isEqualTo(40960.0);
    }

    @Test
    void createRefusesInvalidOptions() {
        assertThatThrownBy(() -> provider.create(DemoConfigs.demo(Map.of("hosts", -1L)), context))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hosts");
    }
}
