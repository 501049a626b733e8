package io.watchfloor.sources.demo;

/**
 * What a simulated GPU is doing. The fault scenarios are each placed on one GPU of the fleet so that
 * every status and flag of the wall can be seen without any infrastructure.
 */
enum Scenario {
    /** Serving an LLM: busy most of the time (60-99%). */
    INFERENCE,
    /** Batch or fine-tuning work at a moderate load (20-70%). */
    BATCH,
    /** No process on it: 0-2% utilisation, almost no memory. */
    IDLE,
    /** Running hot: above 90 °C, a critical temperature. */
    HOT,
    /** Fell off the bus: Xid 79, no work. */
    XID,
    /** Memory held (~70%) by a process that does no work. */
    HELD_IDLE,
    /** Clocks pulled down by a hardware thermal slowdown (reason bit 0x40). */
    THROTTLED,
    /** Temperature sensor gives no reading (blank field): the tile must show no value, not zero. */
    NO_TEMP;

    /** Fault scenarios in the order they are placed, so a small fleet gets the most telling ones first. */
    static final Scenario[] FAULTS = {HOT, XID, HELD_IDLE, THROTTLED, NO_TEMP};
}
