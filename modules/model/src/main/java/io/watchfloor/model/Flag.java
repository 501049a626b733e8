package io.watchfloor.model;

import java.util.Locale;

/** Health flags shown on a tile beside its metrics. */
public enum Flag {
    /** An Xid error was reported since the GPU came up. */
    XID,
    /** Uncorrectable ECC errors or pending page retirement / row remapping. */
    ECC,
    /** Clocks are throttled for a reason other than idle or application clocks. */
    THROTTLE,
    /** Memory is allocated but the GPU does no work (held-but-idle). */
    HELD_IDLE,
    /** Simulated data from the DEMO source. */
    DEMO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
