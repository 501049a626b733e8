package io.watchfloor.sources.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryGpuCsvTest {
    /** Every query-gpu capture in shared/fixtures/nvidia-smi (AllFixturesParsedTest checks none is left out). */
    static final List<String> FILES = List.of(
            "query-gpu-H100-80GB-HBM3-driver590.48.01-load.csv",
            "query-gpu-H100-80GB-HBM3-driver590.48.01-idle.csv",
            "query-gpu-H100-80GB-HBM3-MIG-driver590.48.01-load.csv",
            "query-gpu-H200-driver590.48.01-load.csv",
            "query-gpu-H200-MIG-driver590.48.01-load.csv",
            "query-gpu-L40S-driver595.80-load.csv",
            "query-gpu-RTX2080SUPER-linux-driver595.71.05-load.csv",
            "query-gpu-RTX2080SUPER-linux-driver610.57.04-load.csv",
            "query-gpu-RTX2080SUPER-windows-driver591.86-load.csv",
            "query-gpu-RTX2080SUPER-windows-driver610.62-load.csv",
            "query-gpu-RTX4080SUPER-linux-driver595.71.05-load.csv");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            query-gpu-H100-80GB-HBM3-driver590.48.01-load.csv,     NVIDIA H100 80GB HBM3,         00000000:00:09.0, 100, 19818, false, 0, 0
            query-gpu-H100-80GB-HBM3-driver590.48.01-idle.csv,     NVIDIA H100 80GB HBM3,         00000000:00:09.0,   0,     0, false, 0, 0
            query-gpu-H100-80GB-HBM3-MIG-driver590.48.01-load.csv, NVIDIA H100 80GB HBM3,         00000000:00:09.0,   -, 11125, true,  0, -
            query-gpu-H200-driver590.48.01-load.csv,               NVIDIA H200,                   00000000:83:00.0, 100, 32362, false, 0, 0
            query-gpu-H200-MIG-driver590.48.01-load.csv,           NVIDIA H200,                   00000000:83:00.0,   -, 16959, true,  0, -
            query-gpu-L40S-driver595.80-load.csv,                  NVIDIA L40S,                   00000000:01:00.0,   9,  1235, -,     0, 0
            query-gpu-RTX2080SUPER-linux-driver595.71.05-load.csv, NVIDIA GeForce RTX 2080 SUPER, 00000000:0C:00.0,   8,   819, -,     -, -
            query-gpu-RTX2080SUPER-linux-driver610.57.04-load.csv, NVIDIA GeForce RTX 2080 SUPER, 00000000:0C:00.0,   8,   815, -,     -, -
            query-gpu-RTX2080SUPER-windows-driver591.86-load.csv,  NVIDIA GeForce RTX 2080 SUPER, 00000000:0C:00.0,   7,  1296, -,     -, -
            query-gpu-RTX2080SUPER-windows-driver610.62-load.csv,  NVIDIA GeForce RTX 2080 SUPER, 00000000:0C:00.0,   7,  1366, -,     -, -
            query-gpu-RTX4080SUPER-linux-driver595.71.05-load.csv, NVIDIA GeForce RTX 4080 SUPER, 00000000:01:00.0,   7,  1474, -,     -, -
            """)
    void everyRealCapture(String file, String name, String pci, Double util, double used, Boolean mig, Double ecc,
                          Double remapPending) {
        List<GpuRecord> gpus = QueryGpuCsv.parse(NvidiaFixtures.shared(file), List.of());

        assertThat(gpus).hasSize(1);
        GpuRecord g = gpus.getFirst();
        assertThat(g.index()).isEqualTo("0");
        assertThat(g.name()).isEqualTo(name);
        assertThat(g.pciBusId()).isEqualTo(pci);
        assertThat(g.migEnabled()).isEqualTo(mig);
        assertThat(g.metrics().get(Metric.UTIL_PCT)).isEqualTo(util);
        assertThat(g.metrics()).containsEntry(Metric.MEM_USED_MIB, used);
        assertThat(g.metrics().get(Metric.ECC_DBE)).isEqualTo(ecc);
        assertThat(g.metrics().get(Metric.REMAP_PENDING)).isEqualTo(remapPending);
        // "[N/A]" is no reading, never zero: consumer cards have no ECC, MIG GPUs no remap state
        assertThat(g.metrics()).doesNotContainKey(Metric.RETIRED_PENDING);
        assertThat(g.processes()).isEmpty();
    }

    @Test
    void noHeaderFollowsTheQueriedOrder() {
        List<String> fields = List.of("index", "uuid", "name", "pci.bus_id", "utilization.gpu", "memory.used",
                "retired_pages.pending", "remapped_rows.pending", "remapped_rows.failure", "mig.mode.current");
        String out = "3, GPU-abc, NVIDIA A100-SXM4-80GB, 00000000:B7:00.0, [N/A], 40000, [N/A], Yes, No, Enabled\n";

        GpuRecord g = QueryGpuCsv.parse(out, fields).getFirst();

        assertThat(g.index()).isEqualTo("3");
        assertThat(g.pciBusId()).isEqualTo("00000000:B7:00.0");
        assertThat(g.migEnabled()).isTrue();
        assertThat(g.metrics()).isEqualTo(Map.of(Metric.MEM_USED_MIB, 40000.0, Metric.REMAP_PENDING, 1.0,
                Metric.REMAP_FAILED, 0.0));
    }

    @Test
    void oldDriverThrottleNameAndRetiredPages() {
        List<GpuRecord> gpus = QueryGpuCsv.parse(NvidiaFixtures.resource("query-gpu-V100-r418-legacy-throttle.csv"),
                List.of());

        assertThat(gpus).extracting(GpuRecord::index).containsExactly("0", "1");
        GpuRecord hot = gpus.get(1);
        assertThat(hot.metrics()).containsEntry(Metric.THROTTLE_REASONS, 64.0).containsEntry(Metric.SM_CLOCK_MHZ, 1005.0)
                .containsEntry(Metric.ECC_DBE, 2.0).containsEntry(Metric.RETIRED_PENDING, 1.0)
                .containsEntry(Metric.TEMP_C, 89.0).containsEntry(Metric.POWER_W, 251.2);
        assertThat(gpus.getFirst().metrics()).containsEntry(Metric.RETIRED_PENDING, 0.0);
        assertThat(hot.migEnabled()).isNull();
    }

    @Test
    void blanksAndMarkersAreNoReading() {
        String out = "index, utilization.gpu, memory.used, temperature.gpu, power.draw, ecc.errors.uncorrected.volatile.total\n"
                + "0, [Not Supported], , N/A, [Unknown Error], ERR!\n";

        assertThat(QueryGpuCsv.parse(out, List.of()).getFirst().metrics()).isEmpty();
    }
}
