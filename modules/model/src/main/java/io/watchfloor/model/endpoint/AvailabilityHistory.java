package io.watchfloor.model.endpoint;

import java.time.Instant;
import java.util.List;

/** The recorded availability of endpoints (implemented by the cache); may block on I/O. */
public interface AvailabilityHistory {

    /**
     * The segments of {@code endpointId} that overlap [from, to), ordered by start, as recorded (not clipped to the
     * range: the first may start before {@code from}, the last may end after {@code to}). Empty when none.
     */
    List<AvailabilitySegment> segments(String endpointId, Instant from, Instant to);
}
