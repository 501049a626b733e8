package io.watchfloor.incidents;

import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A working copy of an {@link Incident} for one command: change fields, append timeline entries, then
 * {@link #build()} the new version. Timeline entries get the next seq of this incident.
 */
final class IncidentEdit {
    long number;
    final String uid;
    String title;
    Severity severity;
    boolean severityPinned;
    IncidentStatus status;
    final String groupKey;
    String lead;
    Instant detectedAt;
    final Instant openedAt;
    Instant ackDeadline;
    Instant acknowledgedAt;
    String acknowledgedBy;
    Instant mitigatedAt;
    Instant resolvedAt;
    Instant closedAt;
    Instant responseBreachedAt;
    String resolveOverride;
    final List<LinkedAlert> alerts;
    final List<String> hosts;
    final List<String> endpoints;
    final List<ChecklistStep> checklist;
    final List<TimelineEntry> timeline;
    Postmortem postmortem;

    private IncidentEdit(Incident i) {
        number = i.number();
        uid = i.uid();
        title = i.title();
        severity = i.severity();
        severityPinned = i.severityPinned();
        status = i.status();
        groupKey = i.groupKey();
        lead = i.lead();
        detectedAt = i.detectedAt();
        openedAt = i.openedAt();
        ackDeadline = i.ackDeadline();
        acknowledgedAt = i.acknowledgedAt();
        acknowledgedBy = i.acknowledgedBy();
        mitigatedAt = i.mitigatedAt();
        resolvedAt = i.resolvedAt();
        closedAt = i.closedAt();
        responseBreachedAt = i.responseBreachedAt();
        resolveOverride = i.resolveOverride();
        alerts = new ArrayList<>(i.alerts());
        hosts = new ArrayList<>(i.hosts());
        endpoints = new ArrayList<>(i.endpoints());
        checklist = new ArrayList<>(i.checklist());
        timeline = new ArrayList<>(i.timeline());
        postmortem = i.postmortem();
    }

    static IncidentEdit of(Incident i) {
        return new IncidentEdit(i);
    }

    /** A new incident, number 0 until the store gives it one; status triage, nothing acknowledged. */
    static IncidentEdit fresh(String uid, String title, Severity severity, String groupKey, Instant detectedAt,
                              Instant openedAt, Instant ackDeadline) {
        return new IncidentEdit(new Incident(0, uid, title, severity, false, IncidentStatus.TRIAGE, groupKey, null,
                detectedAt, openedAt, ackDeadline, null, null, null, null, null, null, null, List.of(), List.of(),
                List.of(), List.of(), List.of(), Postmortem.EMPTY));
    }

    void entry(Instant at, TimelineKind kind, String actor, String text) {
        entry(at, kind, actor, text, null);
    }

    void entry(Instant at, TimelineKind kind, String actor, String text, Long attachmentId) {
        long seq = timeline.isEmpty() ? 1 : timeline.get(timeline.size() - 1).seq() + 1;
        timeline.add(new TimelineEntry(seq, at, kind, actor, TextRules.entryText(text), attachmentId));
    }

    void addHost(String host) {
        if (host != null && !host.isBlank() && !hosts.contains(host)) {
            hosts.add(host);
        }
    }

    void addEndpoint(String endpoint) {
        if (endpoint != null && !endpoint.isBlank() && !endpoints.contains(endpoint)) {
            endpoints.add(endpoint);
        }
    }

    Incident build() {
        return new Incident(number, uid, title, severity, severityPinned, status, groupKey, lead, detectedAt,
                openedAt, ackDeadline, acknowledgedAt, acknowledgedBy, mitigatedAt, resolvedAt, closedAt,
                responseBreachedAt, resolveOverride, alerts, hosts, endpoints, checklist, timeline, postmortem);
    }
}
