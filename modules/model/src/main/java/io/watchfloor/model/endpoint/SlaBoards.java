package io.watchfloor.model.endpoint;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds the {@link SlaBoard}: every endpoint, every window, from the recorded history. */
public final class SlaBoards {
    private SlaBoards() {
    }

    /**
     * Reads each endpoint's segments since {@link SlaCalculator#earliestStart} once and computes all its windows.
     * Blocks on the history's I/O: call it off the FX thread.
     *
     * @param targetPctByEndpoint the endpoints to compute, each with its uptime target in percent (0 < t <= 100)
     * @param maintenance         all configured windows; each endpoint gets those that apply to it
     */
    public static SlaBoard compute(AvailabilityHistory history, Map<String, Double> targetPctByEndpoint,
                                   List<MaintenanceWindow> maintenance, Instant now, ZoneId zone) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(targetPctByEndpoint, "targetPctByEndpoint");
        Instant from = SlaCalculator.earliestStart(now, zone);
        Map<String, Map<SlaWindow, SlaFigures>> figures = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : targetPctByEndpoint.entrySet()) {
            String id = e.getKey();
            List<AvailabilitySegment> segments = history.segments(id, from, now);
            figures.put(id, Map.copyOf(SlaCalculator.computeAll(id, segments, maintenance, now, zone, e.getValue())));
        }
        return new SlaBoard(now, figures);
    }
}
