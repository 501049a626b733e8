package io.watchfloor.sources.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryComputeAppsTest {
    static final List<String> FILES = List.of("query-compute-apps-H100-80GB-HBM3-MIG-driver590.48.01-load.csv",
            "query-compute-apps-L40S-driver595.80-load.csv");
    private static final String ZERO_UUID = "GPU-00000000-0000-0000-0000-000000000000";

    @Test
    void realCapturesWithHeaderAndMoreColumns() {
        Map<String, List<GpuProcess>> h100 = QueryComputeApps.parse(NvidiaFixtures.shared(FILES.get(0)));
        Map<String, List<GpuProcess>> l40s = QueryComputeApps.parse(NvidiaFixtures.shared(FILES.get(1)));

        assertThat(h100).containsOnlyKeys(ZERO_UUID);
        assertThat(h100.get(ZERO_UUID)).extracting(GpuProcess::pid, GpuProcess::shortName, GpuProcess::usedMib)
                .containsExactly(tuple(21180L, "memhog", 2296.0), tuple(21181L, "memhog", 1272.0),
                        tuple(21198L, "gpu_burn", 7484.0));
        assertThat(l40s.get(ZERO_UUID)).extracting(GpuProcess::pid, GpuProcess::name)
                .containsExactly(tuple(20037L, "ffmpeg"), tuple(20038L, "ffmpeg"));
    }

    @Test
    void noHeaderInQueriedOrderAndUnknownMemory() {
        String out = "GPU-a, 4412, /usr/bin/python3, 62668\nGPU-b, 77, /opt/tgi/bin/text-generation-launcher, [N/A]\n"
                + "GPU-a, 4500, python3, 1024\n";

        Map<String, List<GpuProcess>> byGpu = QueryComputeApps.parse(out);

        assertThat(byGpu.keySet()).containsExactly("GPU-a", "GPU-b");
        assertThat(byGpu.get("GPU-a")).extracting(GpuProcess::pid).containsExactly(4412L, 4500L);
        assertThat(byGpu.get("GPU-b").getFirst().usedMib()).isNull();
        assertThat(byGpu.get("GPU-b").getFirst().shortName()).isEqualTo("text-generation-launcher");
    }

    @Test
    void noProcessesIsEmpty() {
        assertThat(QueryComputeApps.parse("gpu_uuid, pid, process_name, used_gpu_memory [MiB]\n")).isEmpty();
        assertThat(QueryComputeApps.parse("No running processes found\n")).isEmpty();
    }
}
