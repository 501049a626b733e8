package io.watchfloor.model.incident;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where an incident stands. Allowed moves: forward through the list (skipping is allowed, e.g. triage straight
 * to resolved for a false alarm), mitigated back to investigating (the fix did not hold), resolved back to
 * investigating (reopened). Closed is final.
 */
public enum IncidentStatus {
    TRIAGE, INVESTIGATING, MITIGATED, RESOLVED, CLOSED;

    public Set<IncidentStatus> next() {
        return switch (this) {
            case TRIAGE -> EnumSet.of(INVESTIGATING, MITIGATED, RESOLVED);
            case INVESTIGATING -> EnumSet.of(MITIGATED, RESOLVED);
            case MITIGATED -> EnumSet.of(INVESTIGATING, RESOLVED);
            case RESOLVED -> EnumSet.of(INVESTIGATING, CLOSED);
            case CLOSED -> EnumSet.noneOf(IncidentStatus.class);
        };
    }

    public boolean canMoveTo(IncidentStatus to) {
        return next().contains(to);
    }

    /** Still needs people: not resolved and not closed. */
    public boolean isOpen() {
        return this == TRIAGE || this == INVESTIGATING || this == MITIGATED;
    }

    /** Lower-case name used in JSON, the CLI and the UI ("investigating"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "investigating" or "INVESTIGATING", or null. */
    public static IncidentStatus parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
