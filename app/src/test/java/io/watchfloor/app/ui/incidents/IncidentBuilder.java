package io.watchfloor.app.ui.incidents;

import io.watchfloor.incidents.ChecklistStep;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.LinkedAlert;
import io.watchfloor.incidents.Postmortem;
import io.watchfloor.incidents.TimelineEntry;
import io.watchfloor.incidents.TimelineKind;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Phase;
import io.watchfloor.model.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A mutable copy of an {@link Incident} for tests and the fake desk: change a few fields, build a new record. */
final class IncidentBuilder {
    long number;
    String uid;
    String title;
    Severity severity;
    boolean severityPinned;
    IncidentStatus status = IncidentStatus.TRIAGE;
    String groupKey;
    String lead;
    Instant detectedAt;
    Instant openedAt;
    Instant ackDeadline;
    Instant acknowledgedAt;
    String acknowledgedBy;
    Instant mitigatedAt;
    Instant resolvedAt;
    Instant closedAt;
    Instant responseBreachedAt;
    String resolveOverride;
    List<LinkedAlert> alerts = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    List<String> endpoints = new ArrayList<>();
    List<ChecklistStep> checklist = new ArrayList<>();
    List<TimelineEntry> timeline = new ArrayList<>();
    Postmortem postmortem = Postmortem.EMPTY;

    /** A new incident detected at {@code detectedAt} with the default response SLA of its severity. */
    static IncidentBuilder incident(long number, Severity severity, String title, Instant detectedAt) {
        IncidentBuilder b = new IncidentBuilder();
        b.number = number;
        b.uid = "uid-" + number;
        b.title = title;
        b.severity = severity;
        b.detectedAt = detectedAt;
        b.openedAt = detectedAt.plusSeconds(5);
        b.ackDeadline = detectedAt.plus(sla(severity));
        b.note(detectedAt.plusSeconds(5), TimelineKind.OPENED, "watchfloor", "Opened " + title);
        return b;
    }

    static Duration sla(Severity s) {
        return io.watchfloor.config.IncidentsConfig.DEFAULT_RESPONSE_SLA.get(s);
    }

    static IncidentBuilder from(Incident i) {
        IncidentBuilder b = new IncidentBuilder();
        b.number = i.number();
        b.uid = i.uid();
        b.title = i.title();
        b.severity = i.severity();
        b.severityPinned = i.severityPinned();
        b.status = i.status();
        b.groupKey = i.groupKey();
        b.lead = i.lead();
        b.detectedAt = i.detectedAt();
        b.openedAt = i.openedAt();
        b.ackDeadline = i.ackDeadline();
        b.acknowledgedAt = i.acknowledgedAt();
        b.acknowledgedBy = i.acknowledgedBy();
        b.mitigatedAt = i.mitigatedAt();
        b.resolvedAt = i.resolvedAt();
        b.closedAt = i.closedAt();
        b.responseBreachedAt = i.responseBreachedAt();
        b.resolveOverride = i.resolveOverride();
        b.alerts = new ArrayList<>(i.alerts());
        b.hosts = new ArrayList<>(i.hosts());
        b.endpoints = new ArrayList<>(i.endpoints());
        b.checklist = new ArrayList<>(i.checklist());
        b.timeline = new ArrayList<>(i.timeline());
        b.postmortem = i.postmortem();
        return b;
    }

    IncidentBuilder status(IncidentStatus s) {
        status = s;
        return this;
    }

    IncidentBuilder lead(String name) {
        lead = name;
        return this;
    }

    IncidentBuilder acknowledged(Instant at, String by) {
        acknowledgedAt = at;
        acknowledgedBy = by;
        note(at, TimelineKind.ACKNOWLEDGED, by, "Acknowledged");
        return this;
    }

    IncidentBuilder hosts(String... names) {
        hosts.addAll(List.of(names));
        return this;
    }

    IncidentBuilder step(String key, Phase phase, String text, boolean required, String hint) {
        checklist.add(new ChecklistStep(key, key.substring(0, key.indexOf('/')), "Runbook", phase, text, required, hint,
                null, null));
        return this;
    }

    IncidentBuilder stepDone(String key, Phase phase, String text, boolean required, Instant at, String by) {
        checklist.add(new ChecklistStep(key, key.substring(0, key.indexOf('/')), "Runbook", phase, text, required, null,
                at, by));
        return this;
    }

    IncidentBuilder alert(String fingerprint, String alertname, AlertState state, Instant startsAt, String summary) {
        alerts.add(new LinkedAlert(fingerprint, "am", alertname, Map.of("alertname", alertname), summary, state, startsAt,
                startsAt, state == AlertState.RESOLVED ? startsAt.plusSeconds(600) : null));
        note(startsAt, state == AlertState.RESOLVED ? TimelineKind.ALERT_RESOLVED : TimelineKind.ALERT_FIRING,
                "alertmanager:am", alertname + " " + state.wireName());
        return this;
    }

    /** Adds a timeline entry with the next sequence number. */
    IncidentBuilder note(Instant at, TimelineKind kind, String actor, String text) {
        return entry(at, kind, actor, text, null);
    }

    IncidentBuilder entry(Instant at, TimelineKind kind, String actor, String text, Long attachmentId) {
        long seq = timeline.stream().mapToLong(TimelineEntry::seq).max().orElse(0) + 1;
        timeline.add(new TimelineEntry(seq, at, kind, actor, text, attachmentId));
        return this;
    }

    Incident build() {
        return new Incident(number, uid, title, severity, severityPinned, status, groupKey, lead, detectedAt, openedAt,
                ackDeadline, acknowledgedAt, acknowledgedBy, mitigatedAt, resolvedAt, closedAt, responseBreachedAt,
                resolveOverride, alerts, hosts, endpoints, checklist, timeline, postmortem);
    }
}
