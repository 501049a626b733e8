package io.watchfloor.app.cli;

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
import java.util.List;
import java.util.Map;

/**
 * A board's worth of incidents at {@link #NOW}, for the command-line and state-JSON tests. The alerts are those of
 * the real Alertmanager 0.25 capture (fixtures/alertmanager/am0.25-api-v2-alerts-active-silenced-inhibited.json).
 */
public final class IncidentSamples {
    public static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");

    private IncidentSamples() {
    }

    public static LinkedAlert targetDown(Instant resolvedAt) {
        return new LinkedAlert("c4c607c2dc9ce2b3", "am", "TargetDown", Map.of("alertname", "TargetDown",
                "instance", "127.0.0.1:19100", "job", "node", "severity", "critical"),
                "Target 127.0.0.1:19100 of job node is down", resolvedAt == null ? AlertState.ACTIVE
                : AlertState.RESOLVED, Instant.parse("2026-11-23T06:35:17.669Z"), NOW, resolvedAt);
    }

    public static LinkedAlert gpuMemoryHighSilenced() {
        return new LinkedAlert("fcfc599bbc7e6bab", "am", "GPUMemoryHigh", Map.of("alertname", "GPUMemoryHigh",
                "gpu", "0", "severity", "warning"), "GPU 0 framebuffer usage is 93.5%", AlertState.SILENCED,
                Instant.parse("2026-11-23T06:33:42.669Z"), NOW, null);
    }

    public static ChecklistStep step(String key, boolean required, Instant doneAt, String by) {
        return new ChecklistStep(key, key.substring(0, key.indexOf('/')), "Generic incident response",
                Phase.DETECTION, "Do " + key.substring(key.indexOf('/') + 1), required, null, doneAt, by);
    }

    /** P1 in triage, detected 3 min ago: "ack in 12m"; 2 required steps open. */
    public static Incident triageP1() {
        Instant detected = NOW.minus(Duration.ofMinutes(3));
        return incident(3, "TargetDown on gpu-03", Severity.P1, IncidentStatus.TRIAGE, detected,
                detected.plus(Duration.ofMinutes(15)), null, null, null,
                List.of(targetDown(null), gpuMemoryHighSilenced()), List.of("gpu-03"), List.of("llama-70b-chat"),
                List.of(step("generic/confirm", true, null, null), step("generic/severity", true, null, null),
                        step("generic/notes", false, null, null)));
    }

    /** P1 in triage whose deadline passed 3 min ago: "BREACHED 3m ago". */
    public static Incident breachedP1() {
        Instant detected = NOW.minus(Duration.ofMinutes(18));
        return incident(4, "Endpoint chat-eu down", Severity.P1, IncidentStatus.TRIAGE, detected,
                detected.plus(Duration.ofMinutes(15)), null, null, null, List.of(), List.of(), List.of("chat-eu"),
                List.of());
    }

    /** P2 investigating, acknowledged by ana in time; its alert resolved; 2 of 4 steps done. */
    public static Incident ackedP2() {
        Instant detected = NOW.minus(Duration.ofMinutes(50));
        return incident(2, "Latency SLO burn on mistral-7b", Severity.P2, IncidentStatus.INVESTIGATING, detected,
                detected.plus(Duration.ofHours(1)), detected.plus(Duration.ofMinutes(7)), "ana", null,
                List.of(targetDown(NOW.minus(Duration.ofMinutes(5)))), List.of(), List.of(),
                List.of(step("generic/confirm", true, detected.plus(Duration.ofMinutes(8)), "ana"),
                        step("generic/severity", true, detected.plus(Duration.ofMinutes(9)), "ana"),
                        step("latency/drain", false, null, null), step("latency/rollback", false, null, null)));
    }

    /** P3 resolved yesterday. */
    public static Incident resolvedP3() {
        Instant detected = NOW.minus(Duration.ofDays(1));
        return incident(1, "Xid 48 on gpu-01", Severity.P3, IncidentStatus.RESOLVED, detected,
                detected.plus(Duration.ofHours(4)), detected.plus(Duration.ofMinutes(30)), "bo",
                detected.plus(Duration.ofHours(2)), List.of(), List.of("gpu-01"), List.of(), List.of());
    }

    public static Incident incident(long n, String title, Severity sev, IncidentStatus status, Instant detected,
                                    Instant deadline, Instant ackAt, String ackBy, Instant resolvedAt,
                                    List<LinkedAlert> alerts, List<String> hosts, List<String> endpoints,
                                    List<ChecklistStep> steps) {
        return new Incident(n, "uid-" + n, title, sev, false, status, null, ackBy, detected, detected.plusSeconds(2),
                deadline, ackAt, ackBy, null, resolvedAt, null, null, null, alerts, hosts, endpoints, steps,
                List.of(new TimelineEntry(1, detected.plusSeconds(2), TimelineKind.OPENED, "watchfloor",
                        "opened as " + sev, null)), Postmortem.EMPTY);
    }
}
