package io.watchfloor.usage;

import java.util.List;

/**
 * One endpoint's row in a report.
 *
 * @param previous the same figures over the previous period (week-over-week, month-over-month)
 * @param sla      null when the endpoint has no SLA data in the window (not probed, no availability evidence)
 * @param cost     empty when no price table covers the endpoint
 */
public record EndpointUsage(String endpointId, String name, String describe, UsageFigures usage,
                            UsageFigures previous, SlaSummary sla, List<CostLine> cost) {
    public EndpointUsage {
        cost = List.copyOf(cost);
    }
}
