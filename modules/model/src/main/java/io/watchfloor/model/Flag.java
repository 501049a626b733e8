package io.watchfloor.model;

import java.util.Locale;

/** Health flags shown on a tile beside its metrics. */
public enum Flag {
    /** An Xid error was reported since the GPU came up. */
    XID,
    /** Uncorrectable ECC errors, pending page retirement, or a pending or failed row remap. */
    ECC,
    /** Clocks are throttled for a reason other than idle or application clocks. */
    THROTTLE,
    /** Memory is allocated but the GPU does no work (held-but-idle). */
    HELD_IDLE,
    /** The host could not be polled (SSH unreachable, auth refused, host key refused); the reading's notes say why. */
    UNREACHABLE,
    /** A configured model service on the host is not active. */
    SERVICE,
    /** A watched file system is nearly full (at or over the wall's disk threshold). */
    DISK,
    /** Simulated data from the DEMO source. */
    DEMO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
