package io.watchfloor.model;

/**
 * Status thresholds of the wall. Defaults follow common NVIDIA datacenter guidance: most parts
 * throttle from ~85-90 °C, and a GPU whose memory is nearly full fails new allocations.
 *
 * @param heldIdleUtilPct utilisation below which a GPU holding memory counts as held-but-idle
 * @param heldIdleMemPct  memory use above which a GPU counts as holding memory
 */
public record Thresholds(Threshold tempC, Threshold memPct, Threshold cpuPct, Threshold diskPct,
                         double heldIdleUtilPct, double heldIdleMemPct) {

    public static final Thresholds DEFAULTS = new Thresholds(
            new Threshold(80, 90), new Threshold(90, 98), new Threshold(90, 98), new Threshold(85, 95), 5, 10);
}
