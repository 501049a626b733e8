package io.watchfloor.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Health flags derived from a GPU's metrics, by the same rules whatever the source (DCGM,
 * nvidia-smi, the demo), so two sources can never disagree about the same numbers.
 */
public final class GpuHealth {
    /**
     * Clock throttle / clocks-event reasons that mean trouble: HW slowdown 0x8, SW thermal 0x20,
     * HW thermal 0x40, HW power brake 0x80. SW power cap (0x4) is how a busy GPU normally runs and
     * GPU idle (0x1) is no problem, so both are left out.
     */
    public static final long ALARMING_THROTTLE_BITS = 0x8 | 0x20 | 0x40 | 0x80;

    private GpuHealth() {
    }

    /** XID, ECC, THROTTLE and HELD_IDLE as the metrics show them; a missing metric never raises a flag. */
    public static Set<Flag> flags(Map<Metric, Double> m, Thresholds thresholds) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (positive(m.get(Metric.XID_LAST))) {
            flags.add(Flag.XID);
        }
        if (positive(m.get(Metric.ECC_DBE)) || positive(m.get(Metric.REMAP_PENDING))
                || positive(m.get(Metric.REMAP_FAILED)) || positive(m.get(Metric.RETIRED_PENDING))) {
            flags.add(Flag.ECC);
        }
        Double reasons = m.get(Metric.THROTTLE_REASONS);
        if (reasons != null && (reasons.longValue() & ALARMING_THROTTLE_BITS) != 0) {
            flags.add(Flag.THROTTLE);
        }
        Double util = m.get(Metric.UTIL_PCT);
        Double used = m.get(Metric.MEM_USED_MIB);
        Double total = m.get(Metric.MEM_TOTAL_MIB);
        // without a utilisation reading (MIG slices) nobody can tell idle from busy: no flag
        if (util != null && used != null && total != null && total > 0
                && util < thresholds.heldIdleUtilPct() && 100.0 * used / total > thresholds.heldIdleMemPct()) {
            flags.add(Flag.HELD_IDLE);
        }
        return flags;
    }

    private static boolean positive(Double v) {
        return v != null && v > 0;
    }
}
