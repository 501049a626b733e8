package io.watchfloor.sources.probe;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What one probe attempt found, before it becomes a {@link Reading}.
 *
 * @param up          true/false, or null when the console could not judge (its own network looked down)
 * @param httpStatus  status of the final answer, null when none came
 * @param millis      time to the full answer, null when no full answer came (a refused connection taking 1 ms
 *                    is not a latency and must not pull the latency chart down)
 * @param tlsDaysLeft days until the peer certificate's notAfter (negative once expired), null for plain http or
 *                    when no certificate was seen
 * @param text        the operator-facing outcome ("200 OK · 3 models", "connection refused")
 */
record ProbeOutcome(Boolean up, Integer httpStatus, Double millis, Double tlsDaysLeft, String text) {

    /** The same facts with no verdict: the console could not tell whether the endpoint was up. */
    ProbeOutcome unknown(String newText) {
        return new ProbeOutcome(null, httpStatus, millis, tlsDaysLeft, newText);
    }

    Reading toReading(String endpointId, String sourceId, Instant at) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        if (up != null) {
            m.put(Metric.PROBE_UP, up ? 1.0 : 0.0);
        }
        if (millis != null) {
            m.put(Metric.PROBE_MS, millis);
        }
        if (httpStatus != null) {
            m.put(Metric.PROBE_HTTP_STATUS, httpStatus.doubleValue());
        }
        if (tlsDaysLeft != null) {
            m.put(Metric.TLS_DAYS_LEFT, tlsDaysLeft);
        }
        return new Reading(TileKey.probe(endpointId), text, sourceId, at, m, Set.of());
    }
}
