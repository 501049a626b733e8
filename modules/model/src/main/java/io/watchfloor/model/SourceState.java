package io.watchfloor.model;

import java.util.Locale;

/** The visible state of one source connection. PENDING only exists until its first poll completes. */
public enum SourceState {
    PENDING, UP, DEGRADED, DOWN, AUTH_FAILED;

    /** Lower-case name used in state JSON and the UI ("auth_failed"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
