package io.watchfloor.incidents;

import io.watchfloor.model.incident.IncidentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a change makes, read off the two versions rather than announced by each command, so that ingest
 * and people's commands cannot disagree about what happened (triage straight to resolved is an
 * acknowledgement and a resolution).
 */
final class IncidentEvents {
    private IncidentEvents() {
    }

    static List<IncidentEvent> between(Incident before, Incident after, Instant at, String actor) {
        List<IncidentEvent> out = new ArrayList<>();
        if (before == null) {
            out.add(new IncidentEvent(IncidentEvent.Kind.OPENED, after, at, actor));
            return out;
        }
        if (before.acknowledgedAt() == null && after.acknowledgedAt() != null) {
            out.add(new IncidentEvent(IncidentEvent.Kind.ACKNOWLEDGED, after, at, actor));
        }
        if (before.severity() != after.severity()) {
            out.add(new IncidentEvent(IncidentEvent.Kind.SEVERITY_CHANGED, after, at, actor));
        }
        if (before.status() != after.status()) {
            if (after.status() == IncidentStatus.RESOLVED) {
                out.add(new IncidentEvent(IncidentEvent.Kind.RESOLVED, after, at, actor));
            } else if (after.status() == IncidentStatus.CLOSED) {
                out.add(new IncidentEvent(IncidentEvent.Kind.CLOSED, after, at, actor));
            } else if (before.status() == IncidentStatus.RESOLVED) {
                out.add(new IncidentEvent(IncidentEvent.Kind.REOPENED, after, at, actor));
            }
        }
        return out;
    }
}
