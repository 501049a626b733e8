package io.watchfloor.model.incident;

import java.util.Locale;

/**
 * An alert's state as Alertmanager reports it (ACTIVE, SILENCED, INHIBITED; "suppressed" in its API is split by
 * silencedBy/inhibitedBy), plus RESOLVED once it has stopped firing.
 */
public enum AlertState {
    ACTIVE, SILENCED, INHIBITED, RESOLVED;

    /** Silenced or inhibited: firing, but someone decided it should not page. */
    public boolean isSuppressed() {
        return this == SILENCED || this == INHIBITED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
