package io.watchfloor.usage;

import java.time.Instant;
import java.util.List;

/**
 * An incident that touched one of the report's endpoints during the window (detected before the window's end and
 * not resolved before its start).
 *
 * @param resolvedAt     null while it is unresolved
 * @param slaDownSeconds SLA down time of the report's endpoints while it lasted (within the window)
 */
public record IncidentSummary(String id, String title, String severity, String status, Instant detectedAt,
                              Instant resolvedAt, List<String> endpoints, double slaDownSeconds) {
    public IncidentSummary {
        endpoints = List.copyOf(endpoints);
    }
}
