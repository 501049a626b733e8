package io.watchfloor.model.endpoint;

import java.util.Locale;

/**
 * An LLM endpoint's health at a moment, as the console judges it from its probe and its provider's metrics (see
 * {@link EndpointEvaluator} for the rules). UNKNOWN means "no fresh evidence", never "probably fine".
 */
public enum EndpointStatus {
    UP, DEGRADED, DOWN, UNKNOWN;

    /** Lower-case name used in state JSON ("degraded"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Higher is worse: DOWN 3, DEGRADED 2, UNKNOWN 1, UP 0. Sorting and "worst of" use this, not the ordinal. */
    public int severity() {
        return switch (this) {
            case DOWN -> 3;
            case DEGRADED -> 2;
            case UNKNOWN -> 1;
            case UP -> 0;
        };
    }
}
