package io.watchfloor.incidents;

/** Where an incident stands against its response SLA (time to acknowledge). */
public enum ResponseState {
    /** Not acknowledged, deadline ahead: the timer counts down. */
    COUNTING,
    /** Not acknowledged, deadline passed. */
    BREACHED,
    /** Acknowledged before the deadline. */
    MET,
    /** Acknowledged, but after the deadline. */
    MET_LATE
}
