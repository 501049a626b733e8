package io.watchfloor.model;

import io.watchfloor.model.incident.Alert;
import java.util.List;

/**
 * What one poll cycle of a source returned.
 *
 * @param warnings non-fatal problems (a query failed while others worked, server warnings);
 *                 any warning makes the source DEGRADED instead of UP
 * @param requests how many requests the cycle made (shown as polling cost)
 * @param alerts   for alert sources (Alertmanager): every alert it reports now, the complete set; null for sources
 *                 that do not report alerts
 */
public record PollResult(List<Reading> readings, List<String> warnings, int requests, List<Alert> alerts) {
    public PollResult {
        readings = List.copyOf(readings);
        warnings = List.copyOf(warnings);
        alerts = alerts == null ? null : List.copyOf(alerts);
    }

    /** A telemetry result (no alerts). */
    public PollResult(List<Reading> readings, List<String> warnings, int requests) {
        this(readings, warnings, requests, null);
    }

    public static PollResult of(List<Reading> readings) {
        return new PollResult(readings, List.of(), 1);
    }

    /** An alert source's result: no readings, the complete current set of alerts. */
    public static PollResult ofAlerts(List<Alert> alerts, List<String> warnings, int requests) {
        return new PollResult(List.of(), warnings, requests, alerts);
    }
}
