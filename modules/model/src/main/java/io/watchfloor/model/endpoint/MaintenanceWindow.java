package io.watchfloor.model.endpoint;

import java.time.Instant;
import java.util.Objects;

/**
 * Planned work during which an endpoint's downtime does not count against its SLA (entries under
 * {@code maintenance:}). Kept in config, not in the cache, so that correcting a window re-computes history.
 *
 * @param endpointId the endpoint, or null for every endpoint
 * @param reason     free text shown on screen, may be null
 */
public record MaintenanceWindow(String endpointId, Instant from, Instant to, String reason) {
    public MaintenanceWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("maintenance window ends before it starts");
        }
    }

    public boolean appliesTo(String endpoint) {
        return endpointId == null || endpointId.equals(endpoint);
    }
}
