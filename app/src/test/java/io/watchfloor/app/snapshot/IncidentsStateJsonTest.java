package io.watchfloor.app.snapshot;

import static io.watchfloor.app.cli.IncidentSamples.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.cli.IncidentSamples;
import io.watchfloor.incidents.DeliveryStatus;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentsStateJsonTest {
    private static final IncidentBoard BOARD = new IncidentBoard(NOW, List.of(IncidentSamples.breachedP1(),
            IncidentSamples.triageP1(), IncidentSamples.ackedP2(), IncidentSamples.resolvedP3()),
            "cannot write to the cache file /x/watchfloor.mv.db: disk full",
            List.of("assets/runbooks/broken.yaml:3: expected a list of steps"),
            List.of(new DeliveryStatus("slack-oncall", "slack", 2, true, "HTTP 500 from Slack", NOW.minusSeconds(600),
                    NOW.plusSeconds(30), 0)));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(IncidentBoard board, List<Incident> shown, Instant now) throws IOException {
        StringWriter w = new StringWriter();
        IncidentsStateJson.write(board, shown, now, w);
        return (Map<String, Object>) Json.parse(w.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> incident(Map<String, Object> state, String id) {
        return ((List<Map<String, Object>>) state.get("incidents")).stream().filter(i -> id.equals(i.get("id")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + id + " in " + state));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCountingIncidentHasItsDeadlineTimerAndNullsForWhatHasNotHappened() throws IOException {
        Map<String, Object> s = state(BOARD, BOARD.incidents(), NOW);
        assertThat(s.get("view")).isEqualTo("incidents");
        assertThat(s.get("generatedAt")).isEqualTo("2026-11-23T07:00:00Z");
        Map<String, Object> i = incident(s, "INC-3");
        assertThat(i).containsEntry("title", "TargetDown on gpu-03").containsEntry("severity", "P1")
                .containsEntry("status", "triage").containsEntry("detectedAt", "2026-11-23T06:57:00Z")
                .containsEntry("openedAt", "2026-11-23T06:57:02Z").containsEntry("ackDeadline", "2026-11-23T07:12:00Z")
                .containsEntry("acknowledgedAt", null).containsEntry("acknowledgedBy", null)
                .containsEntry("responseState", "counting").containsEntry("ackRemainingSeconds", 720.0)
                .containsEntry("responseBreachedAt", null).containsEntry("resolvedAt", null)
                .containsEntry("timeToAcknowledgeSeconds", null).containsEntry("timeToMitigateSeconds", null)
                .containsEntry("timeToResolveSeconds", null)
                .containsEntry("alerts", List.of("c4c607c2dc9ce2b3", "fcfc599bbc7e6bab"))
                .containsEntry("hosts", List.of("gpu-03")).containsEntry("endpoints", List.of("llama-70b-chat"))
                .containsEntry("checklist", Map.of("done", 0.0, "total", 3.0, "requiredOpen", 2.0));
        List<Map<String, Object>> details = (List<Map<String, Object>>) i.get("alertDetails");
        assertThat(details).hasSize(2);
        assertThat(details.get(0)).containsExactlyEntriesOf(ordered("fingerprint", "c4c607c2dc9ce2b3", "alertname",
                "TargetDown", "source", "am", "state", "active", "startsAt", "2026-11-23T06:35:17.669Z", "resolvedAt",
                null, "summary", "Target 127.0.0.1:19100 of job node is down"));
        assertThat(details.get(1)).containsEntry("state", "silenced").containsEntry("resolvedAt", null)
                .containsEntry("alertname", "GPUMemoryHigh");
    }

    /** A map in the given key order that may hold nulls (Map.of may not). */
    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put((String) kv[k], kv[k + 1]);
        }
        return m;
    }

    @Test
    void responseStatesAndTimesToActCoverEveryCase() throws IOException {
        Map<String, Object> s = state(BOARD, BOARD.incidents(), NOW);
        assertThat(incident(s, "INC-4")).containsEntry("responseState", "breached")
                .containsEntry("ackRemainingSeconds", -180.0);
        assertThat(incident(s, "INC-2")).containsEntry("responseState", "met").containsEntry("ackRemainingSeconds", null)
                .containsEntry("acknowledgedBy", "ana").containsEntry("timeToAcknowledgeSeconds", 420.0)
                .containsEntry("checklist", Map.of("done", 2.0, "total", 4.0, "requiredOpen", 0.0));
        assertThat(incident(s, "INC-1")).containsEntry("status", "resolved").containsEntry("timeToResolveSeconds", 7200.0)
                .containsEntry("resolvedAt", "2026-11-22T09:00:00Z");
        // acknowledged after its deadline
        Incident late = IncidentSamples.incident(9, "late", io.watchfloor.model.incident.Severity.P1,
                io.watchfloor.model.incident.IncidentStatus.INVESTIGATING, NOW.minus(Duration.ofMinutes(30)),
                NOW.minus(Duration.ofMinutes(15)), NOW.minus(Duration.ofMinutes(10)), "bo", null, List.of(), List.of(),
                List.of(), List.of());
        assertThat(incident(state(BOARD, List.of(late), NOW), "INC-9")).containsEntry("responseState", "met_late");
    }

    @Test
    void theTimerIsReadAtTheGivenTime() throws IOException {
        Map<String, Object> later = state(BOARD, BOARD.incidents(), NOW.plus(Duration.ofMinutes(13)));
        assertThat(incident(later, "INC-3")).containsEntry("responseState", "breached")
                .containsEntry("ackRemainingSeconds", -60.0);
        assertThat(later.get("generatedAt")).isEqualTo("2026-11-23T07:13:00Z");
    }

    @Test
    void deliveriesAndProblemsAreListed() throws IOException {
        Map<String, Object> s = state(BOARD, List.of(), NOW);
        assertThat(s.get("incidents")).isEqualTo(List.of());
        assertThat(s.get("deliveries")).isEqualTo(List.of(Map.of("id", "slack-oncall", "kind", "slack", "pending", 2.0,
                "failing", true, "lastError", "HTTP 500 from Slack", "lastDeliveredAt", "2026-11-23T06:50:00Z",
                "nextAttemptAt", "2026-11-23T07:00:30Z", "givenUp", 0.0)));
        assertThat(s.get("problems")).isEqualTo(List.of(
                Map.of("kind", "store", "message", "cannot write to the cache file /x/watchfloor.mv.db: disk full"),
                Map.of("kind", "runbook", "message", "assets/runbooks/broken.yaml:3: expected a list of steps")));
    }

    @Test
    void theWholeBoardIsWrittenByDefaultAndAnEmptyBoardIsValid() throws IOException {
        StringWriter w = new StringWriter();
        IncidentsStateJson.write(BOARD, NOW, w);
        assertThat(w.toString()).isEqualTo(written(BOARD, BOARD.incidents()));
        StringWriter empty = new StringWriter();
        IncidentsStateJson.write(IncidentBoard.EMPTY, NOW, empty);
        assertThat(Json.parse(empty.toString())).isEqualTo(Map.of("view", "incidents", "generatedAt",
                "2026-11-23T07:00:00Z", "incidents", List.of(), "deliveries", List.of(), "problems", List.of()));
    }

    private static String written(IncidentBoard b, List<Incident> shown) throws IOException {
        StringWriter w = new StringWriter();
        IncidentsStateJson.write(b, shown, NOW, w);
        return w.toString();
    }
}
