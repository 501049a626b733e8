package io.watchfloor.incidents;

import java.time.Instant;

/** Something happened to an incident that others (notifications, the wall capture) act on. */
public record IncidentEvent(Kind kind, Incident incident, Instant at, String actor) {
    public enum Kind {
        OPENED, ACKNOWLEDGED, RESOLVED, REOPENED, CLOSED, SEVERITY_CHANGED
    }
}
