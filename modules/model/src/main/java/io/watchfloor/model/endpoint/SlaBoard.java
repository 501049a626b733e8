package io.watchfloor.model.endpoint;

import java.time.Instant;
import java.util.Map;

/**
 * SLA figures of every endpoint for every window, computed together from the cache and published as one immutable
 * value (views read it; they never query the cache).
 */
public record SlaBoard(Instant computedAt, Map<String, Map<SlaWindow, SlaFigures>> figures) {
    public SlaBoard {
        figures = Map.copyOf(figures);
    }

    public static SlaBoard empty(Instant now) {
        return new SlaBoard(now, Map.of());
    }

    /** Figures of one endpoint and window, or null when not computed (yet). */
    public SlaFigures get(String endpointId, SlaWindow window) {
        Map<SlaWindow, SlaFigures> m = figures.get(endpointId);
        return m == null ? null : m.get(window);
    }
}
