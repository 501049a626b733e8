package io.watchfloor.sources.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.watchfloor.model.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /proc parsing against files copied from the build machine (see src/test/resources/local/README.md). */
class ProcFilesTest {
    @TempDir
    Path dir;

    static String resource(String name) throws IOException {
        try (InputStream in = ProcFilesTest.class.getResourceAsStream("/local/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void cpuTimesFromTheAggregateLine() throws IOException {
        // cpu  6601 0 2179 264038 238 0 40 291 0 0
        assertThat(CpuTimes.parse(resource("proc-stat-1.txt"))).contains(new CpuTimes(9111, 273387));
        assertThat(CpuTimes.parse("cpu0 1 2 3 4\n")).isEmpty();
        assertThat(CpuTimes.parse("")).isEmpty();
    }

    @Test
    void busyShareBetweenTwoSnapshots() throws IOException {
        CpuTimes before = CpuTimes.parse(resource("proc-stat-1.txt")).orElseThrow();
        CpuTimes after = CpuTimes.parse(resource("proc-stat-2.txt")).orElseThrow();

        assertThat(after.busyPercentSince(before)).isCloseTo(100.0 * 104 / 201, within(1e-9));
        assertThat(before.busyPercentSince(before)).isNull();
        assertThat(before.busyPercentSince(after)).isNull();
    }

    @Test
    void memInfoTotalAndAvailable() throws IOException {
        MemInfo mem = MemInfo.parse(resource("proc-meminfo.txt"));

        assertThat(mem.totalKib()).hasValue(24684084);
        assertThat(mem.availableKib()).hasValue(24393896);
        assertThat(MemInfo.parse("MemTotal:  1024 kB\nMemFree:  10 kB\n").availableKib()).isEqualTo(OptionalLong.empty());
    }

    @Test
    void probeReportsCpuFromTheSecondSampleOn() throws IOException {
        Path stat = dir.resolve("stat");
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(stat, resource("proc-stat-1.txt"));
        Files.writeString(meminfo, resource("proc-meminfo.txt"));
        HostProbe probe = new HostProbe(stat, meminfo, dir);
        List<String> warnings = new ArrayList<>();

        Map<Metric, Double> first = probe.sample(warnings);
        Files.writeString(stat, resource("proc-stat-2.txt"));
        Map<Metric, Double> second = probe.sample(warnings);

        assertThat(first).doesNotContainKey(Metric.CPU_PCT)
                .containsEntry(Metric.MEM_TOTAL_MIB, 24684084 / 1024.0)
                .containsEntry(Metric.MEM_USED_MIB, (24684084 - 24393896) / 1024.0);
        assertThat(first.get(Metric.DISK_USED_PCT)).isBetween(0.0, 100.0);
        assertThat(second.get(Metric.CPU_PCT)).isCloseTo(51.74, within(0.01));
        assertThat(warnings).isEmpty();
    }

    @Test
    void missingProcFilesLeaveTheirMetricsOut() {
        HostProbe probe = new HostProbe(dir.resolve("no-stat"), dir.resolve("no-meminfo"), dir);
        List<String> warnings = new ArrayList<>();

        probe.sample(warnings);
        assertThat(probe.sample(warnings)).containsOnlyKeys(Metric.DISK_USED_PCT);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aWrongDiskPathIsAWarning() {
        List<String> warnings = new ArrayList<>();

        Map<Metric, Double> m = new HostProbe(dir.resolve("x"), dir.resolve("y"), dir.resolve("no/such/disk")).sample(warnings);

        assertThat(m).isEmpty();
        assertThat(warnings).singleElement().asString().contains("no/such/disk");
    }
}
