package io.watchfloor.sources.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKey;
import io.watchfloor.sources.SourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class LocalMachineSourceTest {
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");
    private static final SourceContext CONTEXT = new SourceContext(Clock.fixed(AT, ZoneOffset.UTC), Thresholds.DEFAULTS);

    @TempDir
    Path dir;
    private Path stat;
    private HostProbe probe;

    @BeforeEach
    void procFiles() throws IOException {
        stat = dir.resolve("stat");
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(stat, ProcFilesTest.resource("proc-stat-1.txt"));
        Files.writeString(meminfo, ProcFilesTest.resource("proc-meminfo.txt"));
        probe = new HostProbe(stat, meminfo, dir);
    }

    private LocalMachineSource source(NvidiaSmiRunner runner, Duration gpuTimeout) {
        return new LocalMachineSource("this-box", Duration.ofSeconds(10), gpuTimeout, "gpu-a1", probe, runner, CONTEXT);
    }

    @Test
    void hostTileAndOneTilePerGpu() throws Exception {
        Path smi = FakeNvidiaSmi.printing(dir, FakeNvidiaSmi.H100_ROW, FakeNvidiaSmi.HELD_ROW);
        LocalMachineSource source = source(new NvidiaSmiRunner(smi.toString(), false), Duration.ofSeconds(5));

        PollResult first = source.poll();
        Files.writeString(stat, ProcFilesTest.resource("proc-stat-2.txt"));
        PollResult second = source.poll();

        assertThat(first.warnings()).isEmpty();
        assertThat(first.requests()).isEqualTo(1);
        assertThat(first.readings()).extracting(Reading::key).containsExactly(TileKey.host("gpu-a1"),
                TileKey.gpu("gpu-a1", "0", "GPU-00000000-0000-0000-0000-000000000000", null),
                TileKey.gpu("gpu-a1", "1", "GPU-11111111-1111-1111-1111-111111111111", null));
        assertThat(first.readings()).allSatisfy(r -> {
            assertThat(r.sourceId()).isEqualTo("this-box");
            assertThat(r.sampledAt()).isEqualTo(AT);
        });
        assertThat(first.readings().getFirst().has(Metric.CPU_PCT)).isFalse();
        assertThat(second.readings().getFirst().value(Metric.CPU_PCT)).isBetween(51.7, 51.8);
        Reading busy = first.readings().get(1);
        assertThat(busy.value(Metric.UTIL_PCT)).isEqualTo(100.0);
        assertThat(busy.value(Metric.POWER_W)).isEqualTo(631.95);
        assertThat(busy.model()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(first.readings().get(2).flags()).containsExactly(Flag.HELD_IDLE);
    }

    @Test
    void aHungNvidiaSmiDegradesButTheHostTileArrives() throws Exception {
        Path smi = FakeNvidiaSmi.script(dir, "nvidia-smi", "exec sleep 30");
        long start = System.nanoTime();

        PollResult result = source(new NvidiaSmiRunner(smi.toString(), false), Duration.ofMillis(500)).poll();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.readings()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(TileKey.host("gpu-a1"));
            assertThat(r.has(Metric.MEM_TOTAL_MIB)).isTrue();
        });
        assertThat(result.warnings()).singleElement().asString().startsWith("nvidia-smi: no answer within the timeout");
    }

    @Test
    void aFailingNvidiaSmiIsAWarning() throws Exception {
        Path smi = FakeNvidiaSmi.script(dir, "nvidia-smi", "echo 'No devices were found'\nexit 6");

        PollResult result = source(new NvidiaSmiRunner(smi.toString(), false), Duration.ofSeconds(5)).poll();

        assertThat(result.readings()).hasSize(1);
        assertThat(result.warnings()).containsExactly("nvidia-smi: exit code 6: No devices were found");
    }

    @Test
    void withoutNvidiaSmiOnlyTheHost() {
        PollResult absent = source(new NvidiaSmiRunner("nvidia-smi-not-installed-here", false), Duration.ofSeconds(5)).poll();
        PollResult off = source(null, Duration.ofSeconds(5)).poll();

        assertThat(absent.readings()).hasSize(1);
        assertThat(absent.warnings()).isEmpty();
        assertThat(absent.requests()).isZero();
        assertThat(off.readings()).hasSize(1);
        assertThat(off.warnings()).isEmpty();
    }
}
