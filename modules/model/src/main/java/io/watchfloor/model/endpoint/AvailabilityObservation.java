package io.watchfloor.model.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One judgement of an endpoint's availability at {@code at}, valid for {@code validFor} (the interval of the probe
 * or source that made it: the console looks again after that long).
 *
 * @param detail short reason shown on screen ("HTTP 503", "connection refused"), null when up
 */
public record AvailabilityObservation(String endpointId, Instant at, Availability state, Duration validFor,
                                      String detail) {
    public AvailabilityObservation {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(validFor, "validFor");
    }
}
