package io.watchfloor.model.incident;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every alert one alert source reported in one successful poll: the complete current set, so an alert missing
 * from it has stopped firing (Alertmanager drops resolved alerts from GET /api/v2/alerts). A failed poll never
 * produces a batch: a dead source must not look like every alert resolving.
 */
public record AlertBatch(String sourceId, Instant receivedAt, List<Alert> alerts) {
    public AlertBatch {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        alerts = List.copyOf(alerts);
    }
}
