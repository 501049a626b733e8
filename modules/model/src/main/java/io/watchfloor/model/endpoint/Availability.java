package io.watchfloor.model.endpoint;

import java.util.Locale;

/**
 * What the console knows about an endpoint over a stretch of time, for SLA accounting. UNKNOWN is evidence that
 * the console could not judge (its own network was down); time with no evidence at all (the console was not
 * running, the source was down) has no segment and also counts as unknown. Neither is ever counted as down.
 */
public enum Availability {
    UP, DOWN, UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
