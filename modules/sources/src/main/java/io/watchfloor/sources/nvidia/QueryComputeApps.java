package io.watchfloor.sources.nvidia;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code nvidia-smi --query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory --format=csv[...]}. Pure. */
public final class QueryComputeApps {
    public static final List<String> FIELDS = List.of("gpu_uuid", "pid", "process_name", "used_gpu_memory");

    private QueryComputeApps() {
    }

    /** Processes per GPU UUID, in output order. Lines that are not process rows ("No running processes found") are skipped. */
    public static Map<String, List<GpuProcess>> parse(String output, List<String> fields) {
        Map<String, List<GpuProcess>> byGpu = new LinkedHashMap<>();
        for (Map<String, String> row : QueryGpuCsv.Table.of(output, fields, "uuid", "pid").rows()) {
            String uuid = SmiValues.text(row.get("uuid"));
            Double pid = SmiValues.number(row.get("pid"));
            if (uuid == null || pid == null) {
                continue;
            }
            byGpu.computeIfAbsent(uuid, u -> new ArrayList<>()).add(new GpuProcess(uuid, pid.longValue(),
                    SmiValues.text(row.get("process_name")), SmiValues.number(row.get("used_gpu_memory"))));
        }
        byGpu.replaceAll((k, v) -> List.copyOf(v));
        return byGpu;
    }

    public static Map<String, List<GpuProcess>> parse(String output) {
        return parse(output, FIELDS);
    }
}
