package io.watchfloor.sources.prometheus;

import io.watchfloor.model.Flag;
import io.watchfloor.model.GpuHealth;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns dcgm-exporter samples into one {@link Reading} per GPU (or MIG instance). Pure and
 * single-threaded: it does not care whether the samples came from the Prometheus API or from an
 * exposition file, which is what lets the real exporter captures test it.
 */
public final class DcgmGrouper {
    /** DCGM int32 blanks start here (DCGM_INT32_BLANK); the int64 and fp64 blanks (2^63-16, 2^47) are above it. */
    static final double DCGM_INT32_BLANK = 0x7ffffff0;
    static final double DCGM_FP64_BLANK = 140737488355328.0;

    private final String sourceId;
    private final Thresholds thresholds;
    private final Map<String, Tile> tiles = new LinkedHashMap<>();

    public DcgmGrouper(String sourceId, Thresholds thresholds) {
        this.sourceId = sourceId;
        this.thresholds = thresholds;
    }

    /**
     * Adds one sample. Samples of metrics the wall does not use, and samples that name no GPU or
     * no host (exporters also publish unlabelled series), are ignored.
     *
     * @return whether the sample was attributed to a tile
     */
    public boolean add(String metricName, Map<String, String> labels, double value, long timestampMillis) {
        DcgmField field = DcgmField.byMetricName(metricName);
        String gpu = nonEmpty(labels.get("gpu"));
        String host = host(labels);
        if (field == null || gpu == null || host == null) {
            return false;
        }
        String mig = nonEmpty(labels.get("GPU_I_ID"));
        TileKey key = TileKey.gpu(host, gpu, nonEmpty(labels.get("UUID")), mig);
        Tile tile = tiles.computeIfAbsent(key.id(), id -> new Tile(key, nonEmpty(labels.get("modelName"))));
        tile.add(field, value, timestampMillis);
        return true;
    }

    /** One reading per GPU / MIG instance seen, ordered by host, GPU index and MIG instance. */
    public List<Reading> readings() {
        List<Reading> out = new ArrayList<>(tiles.size());
        for (Tile t : tiles.values()) {
            out.add(t.toReading());
        }
        out.sort(Comparator.comparing((Reading r) -> r.key().host())
                .thenComparing(r -> r.key().gpu(), DcgmGrouper::compareIndex)
                .thenComparing(r -> r.key().migInstance(), Comparator.nullsFirst(DcgmGrouper::compareIndex)));
        return out;
    }

    /** Blank DCGM sentinels, NaN and infinities: the field has no reading (never zero). */
    static boolean isBlank(double v) {
        // Every field used here is far below 2^31 when real, so one lower bound catches all
        // three blank families (int32 0x7ffffff0.., int64 near 2^63, fp64 2^47..).
        return !Double.isFinite(v) || v >= DCGM_INT32_BLANK;
    }

    /** Hostname as dcgm-exporter reports it; older setups only have the scrape target. */
    private static String host(Map<String, String> labels) {
        String h = nonEmpty(labels.get("Hostname"));
        if (h == null) {
            h = nonEmpty(labels.get("hostname"));
        }
        return h != null ? h : nonEmpty(labels.get("instance"));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Numeric order for "2" < "10", text order for anything else. */
    private static int compareIndex(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private final class Tile {
        private final TileKey key;
        private final String model;
        private final Map<DcgmField, Double> values = new EnumMap<>(DcgmField.class);
        private final Map<DcgmField, Long> times = new EnumMap<>(DcgmField.class);
        private long newest = Long.MIN_VALUE;

        Tile(TileKey key, String model) {
            this.key = key;
            this.model = model;
        }

        void add(DcgmField field, double value, long ts) {
            newest = Math.max(newest, ts);
            // the same GPU can come twice (pod attribution, two scrape jobs): the newest sample wins
            Long seen = times.get(field);
            if (seen != null && seen >= ts) {
                return;
            }
            times.put(field, ts);
            if (isBlank(value)) {
                values.remove(field);
            } else {
                values.put(field, value);
            }
        }

        Reading toReading() {
            Map<Metric, Double> m = new EnumMap<>(Metric.class);
            Double util = values.get(DcgmField.GPU_UTIL);
            Double used = values.get(DcgmField.FB_USED);
            Double free = values.get(DcgmField.FB_FREE);
            Double total = used == null || free == null ? null
                    : used + free + values.getOrDefault(DcgmField.FB_RESERVED, 0.0);
            Double throttle = values.containsKey(DcgmField.CLOCKS_EVENT_REASONS)
                    ? values.get(DcgmField.CLOCKS_EVENT_REASONS) : values.get(DcgmField.CLOCK_THROTTLE_REASONS);
            Double xid = values.get(DcgmField.XID_ERRORS);
            Double dbe = values.get(DcgmField.ECC_DBE_VOL_TOTAL);
            m.put(Metric.UTIL_PCT, util);
            m.put(Metric.MEM_USED_MIB, used);
            m.put(Metric.MEM_TOTAL_MIB, total);
            m.put(Metric.TEMP_C, values.get(DcgmField.GPU_TEMP));
            m.put(Metric.POWER_W, values.get(DcgmField.POWER_USAGE));
            m.put(Metric.SM_CLOCK_MHZ, values.get(DcgmField.SM_CLOCK));
            m.put(Metric.XID_LAST, xid);
            m.put(Metric.THROTTLE_REASONS, throttle);
            m.put(Metric.ECC_DBE, dbe);

            m.values().removeIf(v -> v == null);
            Set<Flag> flags = EnumSet.noneOf(Flag.class);
            flags.addAll(GpuHealth.flags(m, thresholds));
            // DCGM also knows pending retirements and failed row remaps: ECC trouble without a DBE count
            if (positive(values.get(DcgmField.ROW_REMAP_FAILURE)) || positive(values.get(DcgmField.RETIRED_PENDING))) {
                flags.add(Flag.ECC);
            }
            return new Reading(key, model, sourceId, Instant.ofEpochMilli(newest), m, flags);
        }

        private static boolean positive(Double v) {
            return v != null && v > 0;
        }
    }
}
