package io.watchfloor.sources.local;

import io.watchfloor.model.Flag;
import io.watchfloor.model.GpuHealth;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKey;
import io.watchfloor.sources.nvidia.QueryGpuCsv;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code nvidia-smi --query-gpu=...} output for the local machine, through the parser the SSH poller uses
 * ({@link QueryGpuCsv}). Pure: no process, no clock.
 *
 * <p>Works with {@code --format=csv,noheader,nounits} (columns in the order queried) and with plain
 * {@code --format=csv} (a header such as {@code memory.total [MiB]} and values such as {@code 81559 MiB}):
 * when a header is present columns are found by name, so any extra or reordered fields are harmless.
 * {@code [N/A]}, {@code [Not Supported]}, {@code N/A} and blanks give no reading, never zero; that is how a
 * MIG-partitioned GPU reports its utilisation.
 */
public final class NvidiaSmiCsv {
    /** The fields Watchfloor queries, in order. */
    public static final List<String> FIELDS = List.of("index", "uuid", "name", "utilization.gpu", "memory.used",
            "memory.total", "temperature.gpu", "power.draw", "clocks.sm", "clocks_event_reasons.active");
    /** Drivers before r525 know the throttle reasons only under this name. */
    public static final String LEGACY_THROTTLE_FIELD = QueryGpuCsv.LEGACY_THROTTLE_FIELD;

    /** What the local tile shows: the shared parser's other readings (ECC, remaps) are queried over SSH only. */
    private static final Set<Metric> SHOWN = EnumSet.of(Metric.UTIL_PCT, Metric.MEM_USED_MIB, Metric.MEM_TOTAL_MIB,
            Metric.TEMP_C, Metric.POWER_W, Metric.SM_CLOCK_MHZ, Metric.THROTTLE_REASONS);

    private NvidiaSmiCsv() {
    }

    /** One GPU row; {@code metrics} holds only the values that had a reading. */
    public record Gpu(String index, String uuid, String name, Map<Metric, Double> metrics) {
        public Gpu {
            metrics = Map.copyOf(metrics);
        }

        /** The GPU tile, flagged THROTTLE on real slowdown and HELD_IDLE per {@code thresholds}. */
        public Reading toReading(String host, String sourceId, Instant sampledAt, Thresholds thresholds) {
            return new Reading(TileKey.gpu(host, index, uuid, null), name, sourceId, sampledAt, metrics, flags(thresholds));
        }

        Set<Flag> flags(Thresholds thresholds) {
            return GpuHealth.flags(metrics, thresholds);
        }
    }

    /**
     * @param fields the fields in the order they were queried; used only when the output has no header
     */
    public static List<Gpu> parse(String output, List<String> fields) {
        return QueryGpuCsv.parse(output, fields).stream().map(g -> {
            Map<Metric, Double> m = new EnumMap<>(Metric.class);
            g.metrics().forEach((k, v) -> {
                if (SHOWN.contains(k)) {
                    m.put(k, v);
                }
            });
            return new Gpu(g.index(), g.uuid(), g.name(), m);
        }).toList();
    }
}
