package io.watchfloor.incidents;

import io.watchfloor.model.incident.AlertState;
import java.time.Instant;
import java.util.Map;

/**
 * An alert as part of an incident: its latest known state, kept after it resolves.
 *
 * @param lastSeenAt when an alert source last reported it
 * @param resolvedAt when the console saw it stop firing (gone from the source, or its endsAt passed); null while
 *                   firing or suppressed
 */
public record LinkedAlert(String fingerprint, String sourceId, String alertname, Map<String, String> labels,
                          String summary, AlertState state, Instant startsAt, Instant lastSeenAt, Instant resolvedAt) {
    public LinkedAlert {
        labels = Map.copyOf(labels);
    }
}
