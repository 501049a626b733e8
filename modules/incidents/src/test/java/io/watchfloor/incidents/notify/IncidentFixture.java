package io.watchfloor.incidents.notify;

import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentEvent;
import io.watchfloor.incidents.LinkedAlert;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Incidents as the service would hand them to a sink: INC-7, a P1 GPU Xid incident on gpu-03 with one alert
 * firing and one resolved, at each stage of its life.
 */
final class IncidentFixture {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String UID = "5b1f0c2e-8d4a-4f7e-9a61-3c2d7e9f0a11";

    long number = 7;
    String title = "GPU Xid errors on gpu-03";
    Severity severity = Severity.P1;
    IncidentStatus status = IncidentStatus.TRIAGE;
    String lead;
    Instant acknowledgedAt;
    String acknowledgedBy;
    Instant resolvedAt;
    List<LinkedAlert> alerts = List.of(
            new LinkedAlert("a1b2c3", "am", "GpuXidError",
                    Map.of("alertname", "GpuXidError", "host", "gpu-03", "severity", "critical", "service", "llm-serving"),
                    "Xid 79 on GPU 2 (fallen off the bus)", AlertState.ACTIVE, T0, T0.plusSeconds(60), null),
            new LinkedAlert("d4e5f6", "am", "GpuEccDoubleBit", Map.of("alertname", "GpuEccDoubleBit", "host", "gpu-03"),
                    null, AlertState.RESOLVED, T0, T0.plusSeconds(60), T0.plusSeconds(120)));
    List<String> hosts = List.of("gpu-03");
    List<String> endpoints = List.of("llama-70b");

    static IncidentFixture p1() {
        return new IncidentFixture();
    }

    IncidentFixture severity(Severity s) {
        severity = s;
        return this;
    }

    IncidentFixture number(long n) {
        number = n;
        return this;
    }

    IncidentFixture acknowledged(String by, Duration after) {
        status = IncidentStatus.INVESTIGATING;
        lead = by;
        acknowledgedBy = by;
        acknowledgedAt = T0.plus(after);
        return this;
    }

    IncidentFixture resolved(Duration after) {
        status = IncidentStatus.RESOLVED;
        resolvedAt = T0.plus(after);
        return this;
    }

    Incident build() {
        Duration sla = switch (severity) {
            case P1 -> Duration.ofMinutes(15);
            case P2 -> Duration.ofHours(1);
            case P3 -> Duration.ofHours(4);
            case P4 -> Duration.ofDays(1);
        };
        return new Incident(number, UID + "-" + number, title, severity, false, status,
                "alertname=GpuXidError,host=gpu-03", lead, T0, T0.plusSeconds(5), T0.plus(sla), acknowledgedAt,
                acknowledgedBy, null, resolvedAt, null, null, null, alerts, hosts, endpoints, List.of(), List.of(), null);
    }

    static IncidentEvent opened(Incident i) {
        return new IncidentEvent(IncidentEvent.Kind.OPENED, i, i.openedAt(), "alertmanager:am");
    }

    static IncidentEvent acknowledgedEvent(Incident i) {
        return new IncidentEvent(IncidentEvent.Kind.ACKNOWLEDGED, i, i.acknowledgedAt(), i.acknowledgedBy());
    }

    static IncidentEvent resolvedEvent(Incident i, String by) {
        return new IncidentEvent(IncidentEvent.Kind.RESOLVED, i, i.resolvedAt(), by);
    }
}
