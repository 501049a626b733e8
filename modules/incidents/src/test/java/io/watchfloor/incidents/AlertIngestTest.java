package io.watchfloor.incidents;

import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.model.incident.Alert;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.watchfloor.incidents.Desk.await;
import static io.watchfloor.incidents.Desk.kinds;
import static io.watchfloor.incidents.TimelineKind.ALERT_FIRING;
import static io.watchfloor.incidents.TimelineKind.ALERT_RESOLVED;
import static io.watchfloor.incidents.TimelineKind.ALERT_SUPPRESSED;
import static io.watchfloor.incidents.TimelineKind.CHECKLIST_ADDED;
import static io.watchfloor.incidents.TimelineKind.OPENED;
import static io.watchfloor.incidents.TimelineKind.SEVERITY;
import static io.watchfloor.model.incident.AlertState.ACTIVE;
import static io.watchfloor.model.incident.AlertState.INHIBITED;
import static io.watchfloor.model.incident.AlertState.SILENCED;
import static org.assertj.core.api.Assertions.assertThat;

/** Alerts in, incidents out: grouping, severity, joining, following, resolving, and no writes without news. */
class AlertIngestTest {
    @TempDir
    Path dir;

    private Desk desk;
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void close() {
        if (desk != null) {
            desk.close();
        }
    }

    private Desk desk() {
        return desk(IncidentsConfig.DEFAULTS);
    }

    private Desk desk(IncidentsConfig config) {
        desk = new Desk(dir, TestRunbooks.standard(), config, List.of(sink));
        return desk;
    }

    @Test
    void aCriticalAlertOpensAP1WithA15MinuteDeadlineFromItsStart() {
        Desk d = desk();
        Instant started = d.clock.instant().minus(Duration.ofMinutes(2));
        // the labels and annotations of the captured Alertmanager 0.25 fixture's TargetDown alert
        Alert targetDown = d.alert("c4c607c2dc9ce2b3", ACTIVE, started,
                Map.of("summary", "Target 127.0.0.1:19100 of job node is down",
                        "description", "127.0.0.1:19100 has been unreachable."),
                "alertname", "TargetDown", "env", "fixture", "instance", "127.0.0.1:19100", "job", "node",
                "severity", "critical");
        d.ingest(targetDown);

        Incident i = d.only();
        assertThat(i.id()).isEqualTo("INC-1");
        assertThat(i.title()).isEqualTo("Target 127.0.0.1:19100 of job node is down");
        assertThat(i.severity()).isEqualTo(Severity.P1);
        assertThat(i.status()).isEqualTo(IncidentStatus.TRIAGE);
        assertThat(i.groupKey()).isEqualTo("alertname=TargetDown");
        assertThat(i.detectedAt()).isEqualTo(started);
        assertThat(i.openedAt()).isEqualTo(d.clock.instant());
        assertThat(i.ackDeadline()).isEqualTo(started.plus(Duration.ofMinutes(15)));
        assertThat(i.ackRemaining(d.clock.instant())).isEqualTo(Duration.ofMinutes(13));
        assertThat(i.hosts()).containsExactly("127.0.0.1");
        assertThat(i.alerts()).singleElement().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("c4c607c2dc9ce2b3");
            assertThat(a.sourceId()).isEqualTo("am");
            assertThat(a.state()).isEqualTo(ACTIVE);
            assertThat(a.summary()).isEqualTo("Target 127.0.0.1:19100 of job node is down");
            assertThat(a.labels()).containsEntry("job", "node");
            assertThat(a.startsAt()).isEqualTo(started);
        });
        assertThat(i.checklist()).extracting(ChecklistStep::key).containsExactly("generic/confirm", "generic/notify");
        assertThat(kinds(i)).containsExactly(OPENED, ALERT_FIRING);
        assertThat(i.timeline().get(0).actor()).isEqualTo("alertmanager:am");
        assertThat(i.timeline().get(0).text()).contains("as P1", "acknowledge by 14:13");
        assertThat(sink.committedKinds()).containsExactly("OPENED INC-1");
    }

    @Test
    void warningMapsToP3WithFourHoursAndUnknownSeveritiesToTheDefault() {
        Desk d = desk();
        d.ingest(d.alert("w1", ACTIVE, Duration.ZERO, "alertname", "GpuMemoryHigh", "host", "gpu-01",
                        "severity", "warning"),
                d.alert("i1", ACTIVE, Duration.ZERO, "alertname", "DiskFilling", "host", "gpu-02", "severity", "info"));

        assertThat(d.service.board().incidents()).hasSize(2).allSatisfy(i -> {
            assertThat(i.severity()).isEqualTo(Severity.P3);
            assertThat(i.ackDeadline()).isEqualTo(i.detectedAt().plus(Duration.ofHours(4)));
        });
        assertThat(d.service.board().incidents()).extracting(Incident::title)
                .containsExactlyInAnyOrder("GpuMemoryHigh on gpu-01", "DiskFilling on gpu-02");
    }

    @Test
    void anAlertStartingInTheFutureIsDetectedNow() {
        Desk d = desk();
        d.ingest(d.alert("f", ACTIVE, Duration.ofMinutes(-3), "alertname", "ClockSkew", "severity", "critical"));
        assertThat(d.only().detectedAt()).isEqualTo(d.clock.instant());
    }

    @Test
    void alertsOfOneGroupOpenOneIncidentWithTheMostUrgentSeverityAndEveryMatchingRunbook() {
        Desk d = desk();
        Alert gpu4 = d.alert("x4", ACTIVE, Duration.ofMinutes(1), "alertname", "GpuXidErrors", "host", "gpu-03",
                "gpu", "4", "severity", "warning");
        Alert gpu5 = d.alert("x5", ACTIVE, Duration.ofMinutes(3), "alertname", "GpuXidErrors", "host", "gpu-03",
                "gpu", "5", "severity", "critical");
        d.ingest(gpu4, gpu5);

        Incident i = d.only();
        assertThat(i.groupKey()).isEqualTo("alertname=GpuXidErrors,host=gpu-03");
        assertThat(i.title()).isEqualTo("GpuXidErrors on gpu-03");
        assertThat(i.severity()).isEqualTo(Severity.P1);
        assertThat(i.detectedAt()).isEqualTo(gpu5.startsAt());
        assertThat(i.alerts()).extracting(LinkedAlert::fingerprint).containsExactly("x5", "x4");
        assertThat(i.hosts()).containsExactly("gpu-03");
        assertThat(i.checklist()).extracting(ChecklistStep::key).containsExactly("generic/confirm",
                "generic/notify", "gpu-xid/read-xid", "gpu-xid/drain", "gpu-xid/rma");
        assertThat(i.checklist().get(2).hint()).isEqualTo("dmesg -T | grep -i xid");
        assertThat(kinds(i)).containsExactly(OPENED, ALERT_FIRING, ALERT_FIRING);
    }

    @Test
    void aJoiningAlertRaisesTheSeverityMovesTheDeadlineAndAddsItsRunbooks() {
        // grouped by host only, so a GPU alert and an endpoint alert on one machine are one incident
        Desk d = desk(new IncidentsConfig("severity", Map.of("critical", Severity.P1, "warning", Severity.P3),
                Severity.P3, Map.of(), List.of(List.of("host")), null, null));
        d.ingest(d.alert("x4", ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03",
                "severity", "warning", "endpoint", "chat-prod"));
        Incident opened = d.only();
        assertThat(opened.severity()).isEqualTo(Severity.P3);

        d.advance(Duration.ofMinutes(5));
        Alert x4 = d.alert("x4", ACTIVE, opened.detectedAt(), Map.of(), "alertname", "GpuXidErrors", "host",
                "gpu-03", "severity", "warning", "endpoint", "chat-prod");
        d.ingest(x4, d.alert("e1", ACTIVE, Duration.ofMinutes(1), "alertname", "Endpoint5xx", "host", "gpu-03",
                "severity", "critical"));

        Incident i = d.only();
        assertThat(i.number()).isEqualTo(opened.number());
        assertThat(i.severity()).isEqualTo(Severity.P1);
        assertThat(i.severityPinned()).isFalse();
        assertThat(i.ackDeadline()).isEqualTo(opened.detectedAt().plus(Duration.ofMinutes(15)));
        assertThat(i.alerts()).extracting(LinkedAlert::fingerprint).containsExactly("x4", "e1");
        assertThat(i.endpoints()).containsExactly("chat-prod");
        assertThat(i.checklist()).extracting(ChecklistStep::runbookId).containsSubsequence("gpu-xid", "endpoint-5xx");
        assertThat(kinds(i)).containsExactly(OPENED, ALERT_FIRING, ALERT_FIRING, CHECKLIST_ADDED, SEVERITY);
        assertThat(i.timeline().get(4).text()).isEqualTo("severity P3 -> P1: Endpoint5xx is critical;"
                + " acknowledge by 14:15");
        assertThat(sink.committedKinds()).containsExactly("OPENED INC-1", "SEVERITY_CHANGED INC-1");
    }

    @Test
    void aSeveritySetByHandIsNotRaisedByAlerts() {
        Desk d = desk();
        d.ingest(d.alert("x4", ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03",
                "severity", "warning"));
        await(d.service.setSeverity("INC-1", Severity.P2, "ana"));
        d.ingest(d.alert("x4", ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03",
                        "severity", "warning"),
                d.alert("x5", ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03",
                        "severity", "critical"));

        Incident i = d.only();
        assertThat(i.severity()).isEqualTo(Severity.P2);
        assertThat(i.severityPinned()).isTrue();
        assertThat(i.alerts()).hasSize(2);
        assertThat(kinds(i)).containsExactly(OPENED, ALERT_FIRING, SEVERITY, ALERT_FIRING);
    }

    @Test
    void anAlertResolvesWhenItsOwnSourceNoLongerReportsIt() {
        Desk d = desk();
        Alert xid = d.alert("x4", ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03");
        d.ingest("am", xid);
        d.advance(Duration.ofSeconds(5));
        d.ingest("am-eu"); // another Alertmanager knows nothing of it: not a resolution
        assertThat(d.only().alerts().get(0).state()).isEqualTo(ACTIVE);

        d.advance(Duration.ofSeconds(5));
        Instant batchTime = d.clock.instant();
        d.ingest("am"); // its own source's complete list no longer has it
        Incident i = d.only();
        assertThat(i.alerts().get(0).state()).isEqualTo(AlertState.RESOLVED);
        assertThat(i.alerts().get(0).resolvedAt()).isEqualTo(batchTime);
        assertThat(i.status()).isEqualTo(IncidentStatus.TRIAGE); // people resolve incidents, alerts do not
        assertThat(kinds(i)).containsExactly(OPENED, ALERT_FIRING, ALERT_RESOLVED);
        assertThat(i.timeline().get(2).text()).isEqualTo("GpuXidErrors on gpu-03 resolved (no longer reported by am)");
    }

    @Test
    void anAlertReportedResolvedOrPastItsEndResolves() {
        Desk d = desk();
        d.ingest(d.alert("a", ACTIVE, Duration.ZERO, "alertname", "A"), d.alert("b", ACTIVE, Duration.ZERO,
                "alertname", "B"));
        d.advance(Duration.ofSeconds(5));
        Alert a = d.alert("a", AlertState.RESOLVED, Duration.ofSeconds(5), "alertname", "A");
        Alert b = d.service.board().incidents().stream().filter(i -> i.title().equals("B")).findFirst()
                .map(i -> new Alert("b", Map.of("alertname", "B"), Map.of(), ACTIVE, i.detectedAt(),
                        d.clock.instant().minusMillis(1), null)).orElseThrow();
        d.ingest(a, b);
        assertThat(d.service.board().incidents()).allSatisfy(i -> {
            assertThat(i.alerts().get(0).state()).isEqualTo(AlertState.RESOLVED);
            assertThat(i.alerts().get(0).resolvedAt()).isEqualTo(d.clock.instant());
        });
    }

    @Test
    void suppressedAlertsOpenNothingAndALinkedAlertIsFollowedIntoAndOutOfSilence() {
        Desk d = desk();
        d.ingest(d.alert("s", SILENCED, Duration.ZERO, "alertname", "GpuMemoryHigh", "host", "gpu-01"),
                d.alert("i", INHIBITED, Duration.ZERO, "alertname", "Watchdog"));
        assertThat(d.service.board().incidents()).isEmpty();
        assertThat(d.service.durableWrites()).isZero();

        Alert firing = d.alert("x", ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03");
        d.ingest(firing);
        d.advance(Duration.ofSeconds(5));
        d.ingest(d.alert("x", SILENCED, firing.startsAt(), Map.of(), "alertname", "GpuXidErrors", "host", "gpu-03"));
        assertThat(d.only().alerts().get(0).state()).isEqualTo(SILENCED);
        assertThat(d.only().firingAlerts()).isZero();
        d.advance(Duration.ofSeconds(5));
        d.ingest(d.alert("x", ACTIVE, firing.startsAt(), Map.of(), "alertname", "GpuXidErrors", "host", "gpu-03"));

        Incident i = d.only();
        assertThat(i.alerts().get(0).state()).isEqualTo(ACTIVE);
        assertThat(kinds(i)).containsExactly(OPENED, ALERT_FIRING, ALERT_SUPPRESSED, ALERT_FIRING);
        assertThat(i.timeline().get(2).text()).isEqualTo("GpuXidErrors on gpu-03 silenced in am");
        assertThat(i.timeline().get(3).text()).startsWith("GpuXidErrors on gpu-03 no longer silenced, firing");
    }

    @Test
    void aResolvedAlertFiringAgainOnAnOpenIncidentIsActiveAgain() {
        Desk d = desk();
        d.ingest(d.alert("x", ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03"));
        d.advance(Duration.ofMinutes(1));
        d.ingest();
        d.advance(Duration.ofMinutes(1));
        Alert again = d.alert("x", ACTIVE, Duration.ofSeconds(10), "alertname", "GpuXidErrors", "host", "gpu-03");
        d.ingest(again);

        Incident i = d.only();
        assertThat(d.service.board().incidents()).hasSize(1);
        assertThat(i.alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(ACTIVE);
            assertThat(a.resolvedAt()).isNull();
            assertThat(a.startsAt()).isEqualTo(again.startsAt());
        });
        assertThat(kinds(i)).containsExactly(OPENED, ALERT_FIRING, ALERT_RESOLVED, ALERT_FIRING);
        assertThat(i.timeline().get(3).text()).startsWith("GpuXidErrors on gpu-03 firing again since 14:01:50");
    }

    @Test
    void aGroupWhoseIncidentIsResolvedOpensANewOneForANewFiringOnly() {
        Desk d = desk();
        Alert first = d.alert("x", ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03");
        d.ingest(first);
        await(d.service.moveTo("INC-1", IncidentStatus.RESOLVED, "ana", "false alarm, GPU reseated"));

        // Alertmanager still reports the same firing for a few polls: no twin incident
        d.advance(Duration.ofSeconds(5));
        d.ingest(d.alert("x", ACTIVE, first.startsAt(), Map.of(), "alertname", "GpuXidErrors", "host", "gpu-03"));
        assertThat(d.service.board().incidents()).hasSize(1);
        // then it stops, and the resolved incident's alert shows that
        d.advance(Duration.ofSeconds(5));
        d.ingest();
        assertThat(d.get("INC-1").alerts().get(0).state()).isEqualTo(AlertState.RESOLVED);

        // a new firing of the same alert is a new incident
        d.advance(Duration.ofMinutes(10));
        d.ingest(d.alert("x", ACTIVE, Duration.ofSeconds(3), "alertname", "GpuXidErrors", "host", "gpu-03"));
        assertThat(d.service.board().open()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo("INC-2");
            assertThat(i.groupKey()).isEqualTo("alertname=GpuXidErrors,host=gpu-03");
        });
        assertThat(d.get("INC-1").status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void twoSourcesReportingOneFingerprintDoNotFightOverIt() {
        Desk d = desk();
        Alert x = d.alert("x", ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03");
        d.ingest("am-a", x);
        d.ingest("am-b", x); // the HA twin: same fingerprint, nothing new
        assertThat(d.service.board().incidents()).hasSize(1);
        d.advance(Duration.ofSeconds(5));
        d.ingest("am-b");
        assertThat(d.only().alerts().get(0).state()).isEqualTo(ACTIVE);
        d.ingest("am-a");
        assertThat(d.only().alerts().get(0).state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void theSameBatchTwiceAndPollsWithoutNewsWriteNothing() throws Exception {
        Desk d = desk();
        List<Alert> alerts = List.of(
                d.alert("x", ACTIVE, Duration.ZERO, "alertname", "GpuXidErrors", "host", "gpu-03"),
                d.alert("s", SILENCED, Duration.ZERO, "alertname", "GpuMemoryHigh", "host", "gpu-01"));
        d.ingest(alerts.toArray(Alert[]::new));
        long writes = d.service.durableWrites();
        long entries = d.rows("incident_timeline");
        Incident before = d.only();
        assertThat(writes).isEqualTo(1);

        d.ingest(alerts.toArray(Alert[]::new)); // the same batch again
        for (int poll = 0; poll < 11; poll++) { // a minute of polls every 5 s reporting the same alerts
            d.advance(Duration.ofSeconds(5));
            d.ingest(alerts.toArray(Alert[]::new));
        }
        assertThat(d.service.durableWrites()).isEqualTo(writes);
        assertThat(d.rows("incident_timeline")).isEqualTo(entries);
        assertThat(d.only()).isEqualTo(before);

        // a minute after it was last recorded as seen, lastSeenAt moves on: one small write, no timeline entry
        d.advance(Duration.ofSeconds(5));
        d.ingest(alerts.toArray(Alert[]::new));
        assertThat(d.service.durableWrites()).isEqualTo(writes + 1);
        assertThat(d.rows("incident_timeline")).isEqualTo(entries);
        assertThat(d.only().alerts().get(0).lastSeenAt()).isEqualTo(d.clock.instant());
    }
}
