package io.watchfloor.sources.nvidia;

import io.watchfloor.model.Metric;
import java.util.List;
import java.util.Map;

/**
 * One GPU as nvidia-smi reports it, from {@code --query-gpu} CSV or {@code -q -x} XML.
 *
 * @param index      nvidia-smi's index ("0"), how operators name the GPU
 * @param pciBusId   "00000000:3B:00.0" (normalised), null when not queried
 * @param migEnabled current MIG mode, null when the GPU has no MIG or it was not queried
 * @param metrics    only values that had a reading (UTIL, MEM, TEMP, POWER, SM clock, THROTTLE_REASONS, ECC_DBE,
 *                   RETIRED_PENDING, REMAP_PENDING, REMAP_FAILED)
 * @param processes  compute processes, when the output carries them (XML); empty otherwise
 */
public record GpuRecord(String index, String uuid, String name, String pciBusId, Boolean migEnabled,
                        Map<Metric, Double> metrics, List<GpuProcess> processes) {
    public GpuRecord {
        metrics = Map.copyOf(metrics);
        processes = List.copyOf(processes);
    }
}
