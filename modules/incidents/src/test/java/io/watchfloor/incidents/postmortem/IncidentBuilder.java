package io.watchfloor.incidents.postmortem;

import io.watchfloor.incidents.ActionItem;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Incidents for the postmortem tests. {@link #resolvedTargetDown()} is the story of the golden document: the real
 * Alertmanager 0.25 capture's alerts (fixtures/alertmanager/am0.25-api-v2-alerts-active-silenced-inhibited.json:
 * TargetDown c4c607c2dc9ce2b3 critical, GPUMemoryHigh fcfc599bbc7e6bab warning, silenced) on a GPU host that
 * serves one endpoint.
 */
final class IncidentBuilder {
    static final Instant DETECTED = Instant.parse("2026-11-23T06:35:17.669Z");

    long number = 12;
    String title = "TargetDown on gpu-03 (job node)";
    Severity severity = Severity.P1;
    IncidentStatus status = IncidentStatus.TRIAGE;
    String lead;
    Instant detectedAt = DETECTED;
    Instant openedAt = DETECTED.plusSeconds(3);
    Instant ackDeadline = DETECTED.plus(Duration.ofMinutes(15));
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

    Incident build() {
        return new Incident(number, "6f1c2a9e-0b7d-4c43-9a55-1d2e3f405162", title, severity, false, status,
                "alertname=TargetDown,host=gpu-03", lead, detectedAt, openedAt, ackDeadline, acknowledgedAt,
                acknowledgedBy, mitigatedAt, resolvedAt, closedAt, responseBreachedAt, resolveOverride, alerts, hosts,
                endpoints, checklist, timeline, postmortem);
    }

    static Instant at(int minutesAfterDetection, int seconds) {
        return DETECTED.plusSeconds(minutesAfterDetection * 60L + seconds);
    }

    IncidentBuilder entry(Instant at, TimelineKind kind, String actor, String text) {
        return entry(at, kind, actor, text, null);
    }

    IncidentBuilder entry(Instant at, TimelineKind kind, String actor, String text, Long attachment) {
        timeline.add(new TimelineEntry(timeline.size() + 1, at, kind, actor, text, attachment));
        return this;
    }

    static LinkedAlert targetDown(Instant resolvedAt) {
        return new LinkedAlert("c4c607c2dc9ce2b3", "am", "TargetDown", Map.of("alertname", "TargetDown", "env",
                "fixture", "instance", "127.0.0.1:19100", "job", "node", "severity", "critical"),
                "Target 127.0.0.1:19100 of job node is down", resolvedAt == null ? AlertState.ACTIVE : AlertState.RESOLVED,
                DETECTED, resolvedAt == null ? at(20, 0) : resolvedAt, resolvedAt);
    }

    static LinkedAlert gpuMemoryHighSilenced() {
        return new LinkedAlert("fcfc599bbc7e6bab", "am", "GPUMemoryHigh", Map.of("alertname", "GPUMemoryHigh", "env",
                "fixture", "gpu", "0", "modelName", "NVIDIA H100 80GB HBM3", "severity", "warning"),
                "GPU 0 framebuffer usage is 93.5%", AlertState.SILENCED, Instant.parse("2026-11-23T06:33:42.669Z"),
                at(20, 0), null);
    }

    static ChecklistStep step(String key, Phase phase, String text, boolean required, Instant doneAt, String by) {
        String runbook = key.substring(0, key.indexOf('/'));
        String runbookTitle = runbook.equals("generic") ? "Generic incident response" : "GPU host down";
        return new ChecklistStep(key, runbook, runbookTitle, phase, text, required, null, doneAt, by);
    }

    /** Resolved after 1 h 12 min with one required step overridden; everything written. */
    static IncidentBuilder resolvedTargetDown() {
        IncidentBuilder b = new IncidentBuilder();
        b.status = IncidentStatus.RESOLVED;
        b.lead = "ana";
        b.acknowledgedAt = at(4, 43);
        b.acknowledgedBy = "ana";
        b.mitigatedAt = at(31, 12);
        b.resolvedAt = at(72, 0);
        b.resolveOverride = "host replaced; the drain step no longer applies";
        b.alerts.add(targetDown(at(65, 2)));
        b.alerts.add(gpuMemoryHighSilenced());
        b.hosts.add("gpu-03");
        b.endpoints.add("llama-70b-chat");
        b.endpoints.add("mistral-7b-batch");
        b.checklist.add(step("generic/confirm", Phase.DETECTION, "Confirm the alert on the wall", true, at(5, 0), "ana"));
        b.checklist.add(step("generic/severity", Phase.CLASSIFICATION, "Set the severity | check customer impact",
                true, at(6, 30), "ana"));
        b.checklist.add(step("gpu-host-down/ssh", Phase.INVESTIGATION, "Open a JIT shell and read `dmesg` for Xid",
                false, at(12, 0), "bo"));
        b.checklist.add(step("gpu-host-down/drain", Phase.REMEDIATION, "Drain the host from the load balancer",
                true, null, null));
        b.checklist.add(step("generic/postmortem", Phase.POSTMORTEM, "Write the postmortem", false, null, null));
        b.entry(DETECTED, TimelineKind.ALERT_FIRING, "alertmanager:am", "TargetDown fired: Target 127.0.0.1:19100 of job node is down");
        b.entry(at(0, 3), TimelineKind.OPENED, "watchfloor", "opened as P1 from alert TargetDown");
        b.entry(at(0, 4), TimelineKind.SNAPSHOT, "watchfloor", "wall at detection: gpu-03", 1L);
        b.entry(at(4, 43), TimelineKind.ACKNOWLEDGED, "ana", "acknowledged");
        b.entry(at(5, 0), TimelineKind.STEP_DONE, "ana", "Confirm the alert on the wall");
        b.entry(at(9, 10), TimelineKind.NOTE, "bo", "nvidia-smi hangs on GPU 0;\nXid 79 | fallen off the bus");
        b.entry(at(31, 12), TimelineKind.STATUS, "ana", "investigating -> mitigated");
        b.entry(at(65, 2), TimelineKind.ALERT_RESOLVED, "alertmanager:am", "TargetDown resolved");
        b.entry(at(72, 0), TimelineKind.OVERRIDE, "ana", "resolved with 1 required step open: host replaced; the drain step no longer applies");
        b.entry(at(72, 0), TimelineKind.STATUS, "ana", "mitigated -> resolved");
        b.postmortem = new Postmortem(
                "gpu-03 dropped off the network after GPU 0 fell off the bus (Xid 79); llama-70b-chat served 5xx"
                        + " until traffic moved to gpu-04.",
                "- No spare capacity for the 70B model in the region\n- The Xid alert only pages at warning",
                "A failing PCIe riser on gpu-03 (vendor ticket 4411).",
                "Replaced gpu-03 with a spare host; traffic back on two hosts at 07:47 UTC.",
                List.of(new ActionItem("Page on Xid 79 at critical", "bo", LocalDate.of(2026, 12, 1)),
                        new ActionItem("Keep one spare 70B host | per region", null, null)));
        return b;
    }
}
