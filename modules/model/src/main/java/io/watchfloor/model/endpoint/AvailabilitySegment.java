package io.watchfloor.model.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch [from, to) during which an endpoint was judged {@code state} without a break. The open (newest) segment
 * of an endpoint may end in the future: its last observation is valid until then. Readers clamp at now.
 *
 * @param detail why it went down ("HTTP 503", "connection refused"): the first reason seen, null when up or unknown
 */
public record AvailabilitySegment(String endpointId, Availability state, Instant from, Instant to, String detail) {
    public AvailabilitySegment {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("availability segment of " + endpointId + " ends (" + to
                    + ") before it starts (" + from + ")");
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
