package io.watchfloor.incidents;

import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An incident as stored, at one moment: immutable; every change makes a new one.
 *
 * @param number             the n of INC-n, unique in the data directory
 * @param uid                a random id, unique across consoles (PagerDuty dedup keys)
 * @param severityPinned     a person set the severity: alerts joining later no longer raise it
 * @param groupKey           the alert group this incident collects ("alertname=GpuXid,host=gpu-03"), null when
 *                           opened by hand without alerts
 * @param detectedAt         the first alert's start, or the open time for incidents opened by hand; the response
 *                           timer runs from here
 * @param ackDeadline        detectedAt + the response SLA of the current severity
 * @param responseBreachedAt when the deadline passed unacknowledged (recorded once, on the timeline too), or null
 * @param resolveOverride    the reason given to resolve while required steps were open, or null
 */
public record Incident(long number, String uid, String title, Severity severity, boolean severityPinned,
                       IncidentStatus status, String groupKey, String lead, Instant detectedAt, Instant openedAt,
                       Instant ackDeadline, Instant acknowledgedAt, String acknowledgedBy, Instant mitigatedAt,
                       Instant resolvedAt, Instant closedAt, Instant responseBreachedAt, String resolveOverride,
                       List<LinkedAlert> alerts, List<String> hosts, List<String> endpoints,
                       List<ChecklistStep> checklist, List<TimelineEntry> timeline, Postmortem postmortem) {
    public Incident {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        alerts = List.copyOf(alerts);
        hosts = List.copyOf(hosts);
        endpoints = List.copyOf(endpoints);
        checklist = List.copyOf(checklist);
        timeline = List.copyOf(timeline);
        postmortem = postmortem == null ? Postmortem.EMPTY : postmortem;
    }

    public static String idOf(long number) {
        return "INC-" + number;
    }

    /** "INC-7". */
    public String id() {
        return idOf(number);
    }

    public boolean isAcknowledged() {
        return acknowledgedAt != null;
    }

    public int checklistDone() {
        return (int) checklist.stream().filter(ChecklistStep::done).count();
    }

    public int checklistTotal() {
        return checklist.size();
    }

    /** Required steps not done yet: these block "resolved" unless overridden. */
    public List<ChecklistStep> openRequiredSteps() {
        return checklist.stream().filter(s -> s.required() && !s.done()).toList();
    }

    public ResponseState responseState(Instant now) {
        if (acknowledgedAt != null) {
            return acknowledgedAt.isAfter(ackDeadline) ? ResponseState.MET_LATE : ResponseState.MET;
        }
        return now.isAfter(ackDeadline) ? ResponseState.BREACHED : ResponseState.COUNTING;
    }

    /** Time left to acknowledge (negative once breached); null once acknowledged. */
    public Duration ackRemaining(Instant now) {
        return acknowledgedAt != null ? null : Duration.between(now, ackDeadline);
    }

    public Duration timeToAcknowledge() {
        return acknowledgedAt == null ? null : Duration.between(detectedAt, acknowledgedAt);
    }

    public Duration timeToMitigate() {
        return mitigatedAt == null ? null : Duration.between(detectedAt, mitigatedAt);
    }

    public Duration timeToResolve() {
        return resolvedAt == null ? null : Duration.between(detectedAt, resolvedAt);
    }

    /** Alerts still firing (active, not suppressed). */
    public long firingAlerts() {
        return alerts.stream().filter(a -> a.state() == io.watchfloor.model.incident.AlertState.ACTIVE).count();
    }
}
