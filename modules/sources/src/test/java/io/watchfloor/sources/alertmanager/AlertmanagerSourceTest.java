package io.watchfloor.sources.alertmanager;

import static io.watchfloor.sources.alertmanager.Captures.ACTIVE_ONLY;
import static io.watchfloor.sources.alertmanager.Captures.ACTIVE_SILENCED_INHIBITED;
import static io.watchfloor.sources.alertmanager.Captures.CAPTURED;
import static io.watchfloor.sources.alertmanager.Captures.answer;
import static io.watchfloor.sources.alertmanager.Captures.json;
import static io.watchfloor.sources.alertmanager.Captures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.watchfloor.model.PollResult;
import io.watchfloor.model.incident.Alert;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.sources.HandClock;
import io.watchfloor.sources.prometheus.HttpSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What one poll makes of Alertmanager's real answers: fingerprints, states, labels, times. */
class AlertmanagerSourceTest {
    private final HandClock clock = new HandClock(CAPTURED);
    private MockWebServer server;
    private AlertmanagerSource source;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        source = new AlertmanagerSource("am", Duration.ofSeconds(5), new AlertmanagerClient(
                HttpSettings.of(server.url("/").uri()).withTimeout(Duration.ofSeconds(5))), clock);
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    private static Alert byFingerprint(PollResult r, String fingerprint) {
        return r.alerts().stream().filter(a -> a.fingerprint().equals(fingerprint)).findFirst().orElseThrow();
    }

    @Test
    void asksForEveryAlertWhateverItsState() throws Exception {
        server.enqueue(answer(ACTIVE_ONLY));

        source.poll();

        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("GET");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v2/alerts");
        assertThat(req.getUrl().queryParameterNames()).containsExactlyInAnyOrder("active", "silenced", "inhibited",
                "unprocessed");
        assertThat(req.getUrl().queryParameterValues("silenced")).containsExactly("true");
        assertThat(req.getUrl().queryParameterValues("inhibited")).containsExactly("true");
        assertThat(req.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void silencedAndInhibitedAreKeptApartFromActive() throws Exception {
        server.enqueue(answer(ACTIVE_SILENCED_INHIBITED));

        PollResult r = source.poll();

        assertThat(r.readings()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.requests()).isEqualTo(1);
        assertThat(r.alerts()).extracting(Alert::fingerprint, Alert::alertname, Alert::state).containsExactly(
                tuple("37e0f132b3c98cfa", "AlwaysFiringWatchdog", AlertState.INHIBITED),
                tuple("c4c607c2dc9ce2b3", "TargetDown", AlertState.ACTIVE),
                tuple("fcfc599bbc7e6bab", "GPUMemoryHigh", AlertState.SILENCED));
    }

    @Test
    void labelsAnnotationsTimesAndLinkAreRead() throws Exception {
        server.enqueue(answer(ACTIVE_SILENCED_INHIBITED));

        PollResult r = source.poll();

        Alert gpu = byFingerprint(r, "fcfc599bbc7e6bab");
        assertThat(gpu.labels()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "alertname", "GPUMemoryHigh", "env", "fixture", "gpu", "0",
                "modelName", "NVIDIA H100 80GB HBM3", "severity", "warning")));
        assertThat(gpu.annotations()).containsExactly(Map.entry("summary", "GPU 0 framebuffer usage is 93.5%"));
        assertThat(gpu.startsAt()).isEqualTo(Instant.parse("2026-11-23T06:33:42.669Z"));
        assertThat(gpu.endsAt()).isEqualTo(Instant.parse("2026-11-23T06:40:57.669Z"));
        Alert down = byFingerprint(r, "c4c607c2dc9ce2b3");
        assertThat(down.summary()).isEqualTo("Target 127.0.0.1:19100 of job node is down");
        assertThat(down.annotations()).containsEntry("description", "127.0.0.1:19100 has been unreachable.");
        assertThat(down.startsAt()).isEqualTo(Instant.parse("2026-11-23T06:35:17.669Z"));
        assertThat(down.endsAt()).isEqualTo(Instant.parse("2026-11-23T06:41:27.669Z"));
        // the capture escapes '&' as \u0026 (Go's encoder); the link must come out as the real URL
        assertThat(down.generatorUrl()).isEqualTo("http://vm:19090/graph?g0.expr=up+%3D%3D+0&g0.tab=1");
    }

    @Test
    void theActiveOnlyAnswerHasTheOneFiringAlert() throws Exception {
        server.enqueue(answer(ACTIVE_ONLY));

        PollResult r = source.poll();

        assertThat(r.alerts()).singleElement().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("c4c607c2dc9ce2b3");
            assertThat(a.state()).isEqualTo(AlertState.ACTIVE);
            assertThat(a.labels()).containsOnly(Map.entry("alertname", "TargetDown"), Map.entry("env", "fixture"),
                    Map.entry("instance", "127.0.0.1:19100"), Map.entry("job", "node"),
                    Map.entry("severity", "critical"));
        });
    }

    @Test
    void anEmptyListIsASuccessfulPollWithNoAlerts() throws Exception {
        server.enqueue(json(200, "[]"));

        PollResult r = source.poll();

        assertThat(r.alerts()).isNotNull().isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    /** Alertmanager keeps endsAt in the future while an alert fires; one already past has resolved. */
    @Test
    void anAlertWhoseEndsAtHasPassedIsResolvedAndKept() throws Exception {
        server.enqueue(answer(ACTIVE_SILENCED_INHIBITED));
        server.enqueue(answer(ACTIVE_SILENCED_INHIBITED));
        clock.advance(Duration.between(CAPTURED, Instant.parse("2026-11-23T06:40:57.669Z")));

        PollResult atTheEnd = source.poll();
        clock.advance(Duration.ofSeconds(1));
        PollResult later = source.poll();

        assertThat(atTheEnd.alerts()).extracting(Alert::fingerprint, Alert::state).containsExactly(
                tuple("37e0f132b3c98cfa", AlertState.RESOLVED),
                tuple("c4c607c2dc9ce2b3", AlertState.ACTIVE),
                tuple("fcfc599bbc7e6bab", AlertState.RESOLVED));
        assertThat(later.alerts()).isEqualTo(atTheEnd.alerts());
        assertThat(later.warnings()).isEmpty();
    }

    @Test
    void unprocessedCountsAsActive() throws Exception {
        server.enqueue(json(200, read(ACTIVE_ONLY).replace("\"state\":\"active\"", "\"state\":\"unprocessed\"")));

        assertThat(source.poll().alerts()).extracting(Alert::state).containsExactly(AlertState.ACTIVE);
    }

    @Test
    void anUnknownStateIsKeptAsActiveWithAWarning() throws Exception {
        server.enqueue(json(200, read(ACTIVE_ONLY).replace("\"state\":\"active\"", "\"state\":\"snoozed\"")));

        PollResult r = source.poll();

        assertThat(r.alerts()).extracting(Alert::state).containsExactly(AlertState.ACTIVE);
        assertThat(r.warnings()).containsExactly("Alertmanager reported alert state \"snoozed\", which this console"
                + " does not know; counted as active");
    }

    /** Silenced and inhibited at once (a person chose the silence): SILENCED. */
    @Test
    void aSilenceWinsOverAnInhibition() throws Exception {
        server.enqueue(json(200, read(ACTIVE_SILENCED_INHIBITED).replace(
                "\"inhibitedBy\":[],\"silencedBy\":[\"393f715b",
                "\"inhibitedBy\":[\"c4c607c2dc9ce2b3\"],\"silencedBy\":[\"393f715b")));

        PollResult r = source.poll();

        assertThat(byFingerprint(r, "fcfc599bbc7e6bab").state()).isEqualTo(AlertState.SILENCED);
        assertThat(byFingerprint(r, "37e0f132b3c98cfa").state()).isEqualTo(AlertState.INHIBITED);
    }

    /** Alertmanager 0.31 adds status.mutedBy; its answers read the same. */
    @Test
    void alertsOfAlertmanager031AreReadToo() throws Exception {
        server.enqueue(json(200, Captures.alertsOf031Groups()));
        clock.advance(Duration.between(CAPTURED, Instant.parse("2026-03-11T12:50:00Z")));

        PollResult r = source.poll();

        assertThat(r.warnings()).isEmpty();
        assertThat(r.alerts()).hasSize(12);
        assertThat(r.alerts()).filteredOn(a -> a.state() == AlertState.SILENCED).extracting(Alert::fingerprint)
                .containsExactlyInAnyOrder("54c2f185e49cfccb", "588a14f7b4613621", "cc58f2ac8260fb97",
                        "ffbb5f178eb27f11");
        assertThat(r.alerts()).filteredOn(a -> a.state() == AlertState.ACTIVE).hasSize(8);
        assertThat(byFingerprint(r, "aae7a1432b5d2f1b").labels()).containsEntry("disk", "sda")
                .containsEntry("instance", "server5");
    }

    @Test
    void anEntryWithoutFingerprintIsSkippedWithAWarningAndTheRestKept() throws Exception {
        server.enqueue(json(200, read(ACTIVE_SILENCED_INHIBITED).replace("\"fingerprint\":\"37e0f132b3c98cfa\",", "")));

        PollResult r = source.poll();

        assertThat(r.alerts()).extracting(Alert::fingerprint).containsExactly("c4c607c2dc9ce2b3", "fcfc599bbc7e6bab");
        assertThat(r.warnings()).containsExactly(
                "skipped 1 of 3 alerts Alertmanager sent: #1 (AlwaysFiringWatchdog) has no fingerprint");
    }

    @Test
    void brokenEntriesAreNamedAFewAtATime() throws Exception {
        server.enqueue(json(200, """
                [{"labels":{"alertname":"A"},"startsAt":"2026-11-23T06:33:42.669Z","status":{"state":"active"}},
                 {"fingerprint":"b","startsAt":"2026-11-23T06:33:42.669Z","status":{"state":"active"}},
                 {"fingerprint":"c","labels":{"alertname":"C"},"startsAt":"yesterday","status":{"state":"active"}},
                 {"fingerprint":"d","labels":{"alertname":"D","n":1},"startsAt":"2026-11-23T06:33:42Z"},
                 "e",
                 {"fingerprint":"f","labels":{"alertname":"F"},"startsAt":"2026-11-23T07:33:42+01:00",
                  "endsAt":"0001-01-01T00:00:00Z","status":{"state":"active","silencedBy":[],"inhibitedBy":[]}}]
                """));

        PollResult r = source.poll();

        assertThat(r.alerts()).singleElement().satisfies(f -> {
            assertThat(f.fingerprint()).isEqualTo("f");
            assertThat(f.startsAt()).isEqualTo(Instant.parse("2026-11-23T06:33:42Z"));
            assertThat(f.endsAt()).as("Go's zero time means not set").isNull();
            assertThat(f.state()).isEqualTo(AlertState.ACTIVE);
        });
        assertThat(r.warnings()).containsExactly("skipped 5 of 6 alerts Alertmanager sent: #1 (A) has no fingerprint;"
                        + " #2 has no labels; #3 (C) has startsAt \"yesterday\", which is not an RFC 3339 time;"
                        + " and 2 more");
    }
}
