package io.watchfloor.model;

/** The normalised metrics a tile can carry. The wire name is used in state JSON and cache series keys. */
public enum Metric {
    UTIL_PCT("util_pct", "%"),
    MEM_USED_MIB("mem_used_mib", "MiB"),
    MEM_TOTAL_MIB("mem_total_mib", "MiB"),
    TEMP_C("temp_c", "°C"),
    POWER_W("power_w", "W"),
    SM_CLOCK_MHZ("sm_clock_mhz", "MHz"),
    /** Last Xid error code reported (DCGM_FI_DEV_XID_ERRORS); 0 means none. */
    XID_LAST("xid_last", ""),
    /** Bitmask of active clock throttle reasons (DCGM_FI_DEV_CLOCK_THROTTLE_REASONS / CLOCKS_EVENT_REASONS). */
    THROTTLE_REASONS("throttle_reasons", ""),
    /** Total uncorrectable (double-bit) ECC errors, volatile. */
    ECC_DBE("ecc_dbe", ""),
    CPU_PCT("cpu_pct", "%"),
    DISK_USED_PCT("disk_used_pct", "%");

    private final String wireName;
    private final String unit;

    Metric(String wireName, String unit) {
        this.wireName = wireName;
        this.unit = unit;
    }

    public String wireName() {
        return wireName;
    }

    public String unit() {
        return unit;
    }

    public static Metric fromWireName(String name) {
        for (Metric m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric: " + name);
    }
}
