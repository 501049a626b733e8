package io.watchfloor.sources.nvidia;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The clocks-event (throttle) reason bits, as NVML defines them, with operator words. */
public final class ThrottleReasons {
    /** Bit -> words, in NVML order; the same bits for the old clocks_throttle_reasons names. */
    static final Map<Long, String> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put(0x1L, "GPU idle");
        WORDS.put(0x2L, "applications clocks setting");
        WORDS.put(0x4L, "SW power cap");
        WORDS.put(0x8L, "HW slowdown");
        WORDS.put(0x10L, "sync boost");
        WORDS.put(0x20L, "SW thermal slowdown");
        WORDS.put(0x40L, "HW thermal slowdown");
        WORDS.put(0x80L, "HW power brake slowdown");
        WORDS.put(0x100L, "display clocks setting");
    }

    /** XML element suffixes ({@code clocks_event_reason_hw_slowdown}, {@code clocks_throttle_reason_hw_slowdown}). */
    static final Map<String, Long> XML_SUFFIX = Map.of(
            "gpu_idle", 0x1L,
            "applications_clocks_setting", 0x2L,
            "sw_power_cap", 0x4L,
            "hw_slowdown", 0x8L,
            "sync_boost", 0x10L,
            "sw_thermal_slowdown", 0x20L,
            "hw_thermal_slowdown", 0x40L,
            "hw_power_brake_slowdown", 0x80L,
            "display_clocks_setting", 0x100L);

    private ThrottleReasons() {
    }

    /** The active reasons among {@code mask} bits, e.g. ["HW thermal slowdown"]. */
    public static List<String> describe(long bits, long mask) {
        List<String> out = new ArrayList<>();
        WORDS.forEach((bit, words) -> {
            if ((bits & mask & bit) != 0) {
                out.add(words);
            }
        });
        return out;
    }
}
