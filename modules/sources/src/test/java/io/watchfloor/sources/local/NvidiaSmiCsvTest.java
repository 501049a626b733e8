package io.watchfloor.sources.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Thresholds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against the real captures in shared/fixtures/nvidia-smi (plain --format=csv: header and units, every field). */
class NvidiaSmiCsvTest {
    private static final Path FIXTURES =
            Path.of(System.getProperty("watchfloor.shared.dir", "../../../shared"), "fixtures", "nvidia-smi");
    private static final String ZERO_UUID = "GPU-00000000-0000-0000-0000-000000000000";
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");

    private static NvidiaSmiCsv.Gpu only(String fixture) throws IOException {
        List<NvidiaSmiCsv.Gpu> gpus = NvidiaSmiCsv.parse(Files.readString(FIXTURES.resolve(fixture)), NvidiaSmiCsv.FIELDS);
        assertThat(gpus).hasSize(1);
        return gpus.getFirst();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = NvidiaSmiCsvTest.class.getResourceAsStream("/local/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            query-gpu-H100-80GB-HBM3-driver590.48.01-load.csv,          NVIDIA H100 80GB HBM3,         100, 19818, 81559, 59, 631.95, 1980, 0
            query-gpu-H100-80GB-HBM3-driver590.48.01-idle.csv,          NVIDIA H100 80GB HBM3,           0,     0, 81559, 41,  69.85,  345, 1
            query-gpu-H100-80GB-HBM3-MIG-driver590.48.01-load.csv,      NVIDIA H100 80GB HBM3,           -, 11125, 81559, 53, 433.78, 1980, 0
            query-gpu-H200-driver590.48.01-load.csv,                    NVIDIA H200,                   100, 32362, 143771, 52, 627.40, 1980, 0
            query-gpu-H200-MIG-driver590.48.01-load.csv,                NVIDIA H200,                     -, 16959, 143771, 36, 295.01, 1980, 0
            query-gpu-L40S-driver595.80-load.csv,                       NVIDIA L40S,                     9,  1235, 46068, 54, 110.23, 2520, 0
            query-gpu-RTX2080SUPER-linux-driver595.71.05-load.csv,      NVIDIA GeForce RTX 2080 SUPER,   8,   819,  8192, 45, 111.50, 2055, 0
            query-gpu-RTX2080SUPER-linux-driver610.57.04-load.csv,      NVIDIA GeForce RTX 2080 SUPER,   8,   815,  8192, 38,  98.14, 2070, 0
            query-gpu-RTX2080SUPER-windows-driver591.86-load.csv,       NVIDIA GeForce RTX 2080 SUPER,   7,  1296,  8192, 45,  97.43, 2055, 1
            query-gpu-RTX2080SUPER-windows-driver610.62-load.csv,       NVIDIA GeForce RTX 2080 SUPER,   7,  1366,  8192, 44,  97.99, 2040, 0
            query-gpu-RTX4080SUPER-linux-driver595.71.05-load.csv,      NVIDIA GeForce RTX 4080 SUPER,   7,  1474, 16376, 46,  84.24, 2805, 0
            """)
    void realCapturesWithHeaderAndUnits(String fixture, String name, Double util, double used, double total,
                                        double temp, double power, double sm, double reasons) throws IOException {
        NvidiaSmiCsv.Gpu gpu = only(fixture);

        assertThat(gpu.index()).isEqualTo("0");
        assertThat(gpu.uuid()).isEqualTo(ZERO_UUID);
        assertThat(gpu.name()).isEqualTo(name);
        assertThat(gpu.metrics().get(Metric.UTIL_PCT)).isEqualTo(util);
        assertThat(gpu.metrics()).containsEntry(Metric.MEM_USED_MIB, used).containsEntry(Metric.MEM_TOTAL_MIB, total)
                .containsEntry(Metric.TEMP_C, temp).containsEntry(Metric.POWER_W, power)
                .containsEntry(Metric.SM_CLOCK_MHZ, sm).containsEntry(Metric.THROTTLE_REASONS, reasons);
        // the GPU-idle reason bit (0x1) is not a slowdown, and none of these GPUs holds memory while idle
        assertThat(gpu.toReading("h", "local", AT, Thresholds.DEFAULTS).flags()).isEmpty();
    }

    @Test
    void migUtilisationIsNoReadingNotZero() throws IOException {
        Reading r = only("query-gpu-H100-80GB-HBM3-MIG-driver590.48.01-load.csv")
                .toReading("gpu-a1", "local", AT, Thresholds.DEFAULTS);

        assertThat(r.has(Metric.UTIL_PCT)).isFalse();
        assertThat(r.key().id()).isEqualTo("gpu-a1/gpu0");
        assertThat(r.key().uuid()).isEqualTo(ZERO_UUID);
        assertThat(r.key().migInstance()).isNull();
        assertThat(r.model()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(r.sampledAt()).isEqualTo(AT);
    }

    @Test
    void noHeaderNoUnitsMapsByQueriedOrder() throws IOException {
        NvidiaSmiCsv.Gpu gpu = NvidiaSmiCsv.parse(resource("query-gpu-noheader-nounits-H100.csv"), NvidiaSmiCsv.FIELDS)
                .getFirst();
        NvidiaSmiCsv.Gpu withHeader = only("query-gpu-H100-80GB-HBM3-driver590.48.01-load.csv");

        assertThat(gpu).isEqualTo(withHeader);
        assertThat(NvidiaSmiCsv.parse(resource("query-gpu-noheader-nounits-H100-MIG.csv"), NvidiaSmiCsv.FIELDS))
                .singleElement().isEqualTo(only("query-gpu-H100-80GB-HBM3-MIG-driver590.48.01-load.csv"));
    }

    @Test
    void legacyThrottleFieldNameMapsToTheSameMetric() {
        List<String> legacy = List.of("index", "uuid", "name", "utilization.gpu", "memory.used", "memory.total",
                "temperature.gpu", "power.draw", "clocks.sm", "clocks_throttle_reasons.active");
        String headerForm = "index, clocks_throttle_reasons.active, memory.total [MiB]\n3, 0x0000000000000040, 24576 MiB\n";

        assertThat(NvidiaSmiCsv.parse("1, GPU-a, Tesla T4, 5, 100, 15360, 40, 27.1, 585, 0x0000000000000004\n", legacy)
                .getFirst().metrics()).containsEntry(Metric.THROTTLE_REASONS, 4.0);
        assertThat(NvidiaSmiCsv.parse(headerForm, List.of()).getFirst().metrics())
                .isEqualTo(Map.of(Metric.THROTTLE_REASONS, 64.0, Metric.MEM_TOTAL_MIB, 24576.0));
    }

    @Test
    void markersAndBlanksGiveNoReading() {
        String out = "0, GPU-x, Quadro P400, [Not Supported], 10, 2000, , N/A, [Unknown Error], ERR!\r\n";
        NvidiaSmiCsv.Gpu gpu = NvidiaSmiCsv.parse(out, NvidiaSmiCsv.FIELDS).getFirst();

        assertThat(gpu.metrics()).isEqualTo(Map.of(Metric.MEM_USED_MIB, 10.0, Metric.MEM_TOTAL_MIB, 2000.0));
        assertThat(gpu.name()).isEqualTo("Quadro P400");
    }

    @Test
    void slowdownBitsFlagThrottleOthersDoNot() {
        for (String bits : List.of("0x0000000000000008", "0x0000000000000020", "0x0000000000000040", "0x0000000000000080")) {
            assertThat(flags("0, GPU-x, H100, 90, 40000, 81559, 85, 500, 1200, " + bits)).containsExactly(Flag.THROTTLE);
        }
        // GPU idle, application clocks, SW power cap, sync boost: normal operation
        for (String bits : List.of("0x0000000000000001", "0x0000000000000002", "0x0000000000000004", "0x0000000000000010")) {
            assertThat(flags("0, GPU-x, H100, 90, 40000, 81559, 85, 500, 1200, " + bits)).isEmpty();
        }
    }

    @Test
    void heldIdleFollowsTheThresholds() {
        assertThat(flags("2, GPU-y, H100, 0, 57000, 81559, 38, 95, 345, 0x1")).containsExactly(Flag.HELD_IDLE);
        assertThat(flags("2, GPU-y, H100, 0, 500, 81559, 38, 75, 345, 0x1")).isEmpty();
        assertThat(flags("2, GPU-y, H100, 30, 57000, 81559, 50, 300, 1980, 0x0")).isEmpty();
    }

    @Test
    void multipleGpusAndStrayLines() {
        String out = "0, GPU-a, NVIDIA H100 80GB HBM3, 97, 70000, 81559, 71, 612.5, 1980, 0x0\n"
                + "\n"
                + "1, GPU-b, NVIDIA H100 80GB HBM3, 12, 1000, 81559, 40, 120.0, 1980, 0x0\n"
                + "WARNING: infoROM is corrupted at gpu 0000:04:00.0\n";

        assertThat(NvidiaSmiCsv.parse(out, NvidiaSmiCsv.FIELDS)).extracting(NvidiaSmiCsv.Gpu::index, NvidiaSmiCsv.Gpu::uuid)
                .containsExactly(tuple("0", "GPU-a"), tuple("1", "GPU-b"));
        assertThat(NvidiaSmiCsv.parse("", NvidiaSmiCsv.FIELDS)).isEmpty();
    }

    private static Set<Flag> flags(String row) {
        return NvidiaSmiCsv.parse(row, NvidiaSmiCsv.FIELDS).getFirst().toReading("h", "local", AT, Thresholds.DEFAULTS).flags();
    }
}
