package io.watchfloor.incidents.notify;

import static io.watchfloor.incidents.notify.NotifyHarness.ROUTING_KEY;
import static io.watchfloor.incidents.notify.NotifyHarness.SLACK_PATH;
import static io.watchfloor.incidents.notify.NotifyHarness.TEAMS_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.LinkedAlert;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.model.incident.Severity;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each channel receives for opened, acknowledged and resolved, read back from the request MockWebServer
 * recorded. The incident: INC-7, P1, GPU Xid errors on gpu-03, detected 10:00:00, opened 10:00:05 by
 * Alertmanager, acknowledged by alice at 10:07, resolved at 11:05.
 */
class PayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TITLE = "GPU Xid errors on gpu-03";
    private static final String CONTEXT_TAIL = " \u00b7 hosts gpu-03 \u00b7 endpoints llama-70b";
    private static final String XID_LINE = "GpuXidError (firing) on gpu-03: Xid 79 on GPU 2 (fallen off the bus)";
    private static final String ECC_LINE = "GpuEccDoubleBit (resolved) on gpu-03";

    @TempDir
    java.nio.file.Path dir;
    private NotifyHarness h;
    private MockWebServer server;

    @BeforeEach
    void setUp() throws Exception {
        h = new NotifyHarness(dir);
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void tearDown() {
        h.close();
        server.close();
    }

    private static Incident opened() {
        return IncidentFixture.p1().build();
    }

    private static Incident acknowledged() {
        return IncidentFixture.p1().acknowledged("alice", Duration.ofMinutes(7)).build();
    }

    private static Incident resolved() {
        return IncidentFixture.p1().acknowledged("alice", Duration.ofMinutes(7)).resolved(Duration.ofMinutes(65)).build();
    }

    /** Sends the three events of INC-7's life through the channel and returns the three request bodies. */
    private List<JsonNode> lifeOfIncident(String path, int status, String answer) throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(status).body(answer).build());
        }
        h.commit(IncidentFixture.opened(opened()));
        h.commit(IncidentFixture.acknowledgedEvent(acknowledged()));
        h.commit(IncidentFixture.resolvedEvent(resolved(), "bob"));
        List<JsonNode> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordedRequest r = server.takeRequest(20, TimeUnit.SECONDS);
            assertThat(r).as("request %d", i + 1).isNotNull();
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getTarget()).isEqualTo(path);
            assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
            bodies.add(JSON.readTree(r.getBody().utf8()));
        }
        return bodies;
    }

    @Test
    void slackGetsFallbackTextAndBlocksForEachEvent() throws Exception {
        h.start(NotifyHarness.slack("slack-ops", server.url(SLACK_PATH).uri()));
        List<JsonNode> sent = lifeOfIncident(SLACK_PATH, 200, "ok");

        JsonNode open = sent.get(0);
        assertThat(open.get("text").asText()).isEqualTo("\uD83D\uDD34 P1 INC-7 opened: " + TITLE);
        assertThat(types(open.get("blocks"))).containsExactly("header", "section", "section", "context");
        JsonNode header = open.get("blocks").get(0).get("text");
        assertThat(header.get("type").asText()).isEqualTo("plain_text");
        assertThat(header.get("text").asText()).isEqualTo("\uD83D\uDD34 P1 INC-7 opened: " + TITLE);
        assertThat(texts(open.get("blocks").get(1).get("fields"))).containsExactly(
                "*Status*\ntriage", "*Severity*\nP1", "*Lead*\nunassigned",
                "*Ack deadline*\n2026-11-23 10:15 UTC (in 14 min)");
        assertThat(open.get("blocks").get(1).get("fields").get(0).get("type").asText()).isEqualTo("mrkdwn");
        assertThat(open.get("blocks").get(2).get("text").get("text").asText())
                .isEqualTo("*Alerts*\n\u2022 " + XID_LINE + "\n\u2022 " + ECC_LINE);
        assertThat(open.get("blocks").get(3).get("elements").get(0).get("text").asText())
                .isEqualTo("Watchfloor \u00b7 opened by alertmanager:am \u00b7 2026-11-23 10:00 UTC" + CONTEXT_TAIL);

        JsonNode ack = sent.get(1);
        assertThat(ack.get("text").asText()).isEqualTo("\uD83D\uDD34 P1 INC-7 acknowledged: " + TITLE);
        assertThat(texts(ack.get("blocks").get(1).get("fields"))).containsExactly(
                "*Status*\ninvestigating", "*Severity*\nP1", "*Lead*\nalice",
                "*Ack deadline*\n2026-11-23 10:15 UTC (met)",
                "*Acknowledged*\nby alice at 2026-11-23 10:07 UTC, 7 min after detection");
        assertThat(ack.get("blocks").get(3).get("elements").get(0).get("text").asText())
                .isEqualTo("Watchfloor \u00b7 acknowledged by alice \u00b7 2026-11-23 10:07 UTC" + CONTEXT_TAIL);

        JsonNode resolve = sent.get(2);
        assertThat(resolve.get("text").asText()).isEqualTo("\u2705 P1 INC-7 resolved: " + TITLE);
        assertThat(texts(resolve.get("blocks").get(1).get("fields"))).contains(
                "*Status*\nresolved", "*Time to resolve*\n1 h 5 min");
        assertThat(resolve.get("blocks").get(3).get("elements").get(0).get("text").asText())
                .startsWith("Watchfloor \u00b7 resolved by bob \u00b7 2026-11-23 11:05 UTC");
    }

    @Test
    void slackShowsAlertTextAsWrittenAndKeepsItsLimits() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        h.start(NotifyHarness.slack("slack-ops", server.url(SLACK_PATH).uri()));
        IncidentFixture i = IncidentFixture.p1();
        i.title = "x".repeat(400);
        List<LinkedAlert> many = new ArrayList<>();
        many.add(new LinkedAlert("f0", "am", "EndpointErrors", Map.of("alertname", "EndpointErrors"),
                "<!channel> 5xx > 5% & rising", AlertState.ACTIVE, IncidentFixture.T0, IncidentFixture.T0, null));
        for (int n = 1; n < 14; n++) {
            many.add(new LinkedAlert("f" + n, "am", "A" + n, Map.of("alertname", "A" + n), null, AlertState.ACTIVE,
                    IncidentFixture.T0, IncidentFixture.T0, null));
        }
        i.alerts = many;
        h.commit(IncidentFixture.opened(i.build()));

        JsonNode sent = JSON.readTree(server.takeRequest(20, TimeUnit.SECONDS).getBody().utf8());
        String header = sent.get("blocks").get(0).get("text").get("text").asText();
        assertThat(header).hasSize(SlackMessage.HEADER_MAX).endsWith("\u2026");
        String alerts = sent.get("blocks").get(2).get("text").get("text").asText();
        // Slack would otherwise ping the whole channel and read "&" as the start of an entity
        assertThat(alerts).contains("EndpointErrors (firing): &lt;!channel&gt; 5xx &gt; 5% &amp; rising")
                .doesNotContain("<!channel>");
        assertThat(List.of(alerts.split("\n"))).hasSize(1 + MessageFacts.MAX_ALERTS_LISTED + 1).last().isEqualTo("\u2022 and 4 more");
    }

    @Test
    void teamsGetsAnAdaptiveCardForEachEvent() throws Exception {
        h.start(NotifyHarness.teams("teams-noc", server.url(TEAMS_PATH).uri()));
        List<JsonNode> sent = lifeOfIncident(TEAMS_PATH, 202, "");

        JsonNode open = sent.get(0);
        assertThat(open.get("type").asText()).isEqualTo("message");
        assertThat(open.get("attachments")).hasSize(1);
        JsonNode attachment = open.get("attachments").get(0);
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.has("contentUrl")).isTrue();
        assertThat(attachment.get("contentUrl").isNull()).isTrue();
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        assertThat(card.get("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        JsonNode body = card.get("body");
        assertThat(types(body)).containsExactly("TextBlock", "FactSet", "TextBlock", "TextBlock", "TextBlock");
        assertThat(body.get(0).get("text").asText()).isEqualTo("\uD83D\uDD34 P1 INC-7 opened: " + TITLE);
        assertThat(body.get(0).get("color").asText()).isEqualTo("Attention");
        assertThat(body.get(0).get("wrap").asBoolean()).isTrue();
        assertThat(facts(body.get(1))).containsExactly("Status=triage", "Severity=P1", "Lead=unassigned",
                "Ack deadline=2026-11-23 10:15 UTC (in 14 min)");
        assertThat(body.get(2).get("text").asText()).isEqualTo("Alerts");
        assertThat(body.get(3).get("text").asText()).isEqualTo("- " + XID_LINE + "\n- " + ECC_LINE);
        assertThat(body.get(4).get("isSubtle").asBoolean()).isTrue();
        assertThat(body.get(4).get("text").asText())
                .isEqualTo("Watchfloor \u00b7 opened by alertmanager:am \u00b7 2026-11-23 10:00 UTC" + CONTEXT_TAIL);

        JsonNode ackCard = sent.get(1).get("attachments").get(0).get("content");
        assertThat(facts(ackCard.get("body").get(1))).containsExactly("Status=investigating", "Severity=P1",
                "Lead=alice", "Ack deadline=2026-11-23 10:15 UTC (met)",
                "Acknowledged=by alice at 2026-11-23 10:07 UTC, 7 min after detection");

        JsonNode resolvedCard = sent.get(2).get("attachments").get(0).get("content");
        assertThat(resolvedCard.get("body").get(0).get("text").asText()).isEqualTo("\u2705 P1 INC-7 resolved: " + TITLE);
        assertThat(resolvedCard.get("body").get(0).get("color").asText()).isEqualTo("Good");
        assertThat(facts(resolvedCard.get("body").get(1))).contains("Status=resolved", "Time to resolve=1 h 5 min");
    }

    @Test
    void pagerDutyTriggersAcknowledgesAndResolvesOneIncidentByDedupKey() throws Exception {
        h.start(NotifyHarness.pagerDuty("pd-gpu", server.url("/v2/enqueue").uri()));
        String accepted = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"watchfloor-"
                + IncidentFixture.UID + "-7\"}";
        List<JsonNode> sent = lifeOfIncident("/v2/enqueue", 202, accepted);

        JsonNode trigger = sent.get(0);
        assertThat(fieldNames(trigger)).containsExactly("routing_key", "event_action", "dedup_key", "payload", "client");
        assertThat(trigger.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo("watchfloor-" + IncidentFixture.UID + "-7");
        assertThat(trigger.get("client").asText()).isEqualTo("Watchfloor");
        JsonNode payload = trigger.get("payload");
        assertThat(payload.get("summary").asText()).isEqualTo("P1 INC-7: " + TITLE);
        assertThat(payload.get("source").asText()).isEqualTo("watchfloor");
        assertThat(payload.get("severity").asText()).isEqualTo("critical");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2026-11-23T10:00:05Z");
        assertThat(payload.get("component").asText()).isEqualTo("gpu-03");
        assertThat(payload.get("group").asText()).isEqualTo("llm-serving");
        assertThat(payload.get("class").asText()).isEqualTo("GpuXidError");
        JsonNode details = payload.get("custom_details");
        assertThat(details.get("incident").asText()).isEqualTo("INC-7");
        assertThat(details.get("status").asText()).isEqualTo("triage");
        assertThat(details.get("hosts").get(0).asText()).isEqualTo("gpu-03");
        assertThat(details.get("endpoints").get(0).asText()).isEqualTo("llama-70b");
        assertThat(details.get("alerts")).hasSize(2);
        assertThat(details.get("alerts").get(0).get("alertname").asText()).isEqualTo("GpuXidError");
        assertThat(details.get("alerts").get(0).get("state").asText()).isEqualTo("active");
        assertThat(details.get("alerts").get(0).get("labels").get("host").asText()).isEqualTo("gpu-03");
        assertThat(details.get("alerts").get(1).get("state").asText()).isEqualTo("resolved");

        for (int i = 1; i < 3; i++) {
            // acknowledge and resolve carry nothing but the key, the action and the incident they are about
            assertThat(fieldNames(sent.get(i))).containsExactly("routing_key", "event_action", "dedup_key");
            assertThat(sent.get(i).get("routing_key").asText()).isEqualTo(ROUTING_KEY);
            assertThat(sent.get(i).get("dedup_key").asText()).isEqualTo(trigger.get("dedup_key").asText());
        }
        assertThat(sent.get(1).get("event_action").asText()).isEqualTo("acknowledge");
        assertThat(sent.get(2).get("event_action").asText()).isEqualTo("resolve");

        // the key lives in the configuration only: the stored rows never held it
        h.statuses.await("pd-gpu", "all three delivered", s -> s.pending() == 0 && s.lastDeliveredAt() != null);
        assertThat(h.rows()).hasSize(3).allSatisfy(row -> assertThat(row.toString()).doesNotContain(ROUTING_KEY));
    }

    @ParameterizedTest
    @CsvSource({"P1,critical", "P2,error", "P3,warning", "P4,info"})
    void pagerDutySeverityFollowsTheIncident(Severity severity, String expected) throws Exception {
        String body = NotificationOutbox.render(io.watchfloor.config.NotificationConfig.Kind.PAGERDUTY,
                IncidentFixture.opened(IncidentFixture.p1().severity(severity).build()),
                io.watchfloor.config.NotificationConfig.Event.OPENED);
        assertThat(JSON.readTree(body).get("payload").get("severity").asText()).isEqualTo(expected);
    }

    @Test
    void pagerDutySummaryStaysWithinTheEventsApiLimit() throws Exception {
        IncidentFixture i = IncidentFixture.p1();
        i.title = "\uD83D\uDD25".repeat(800);
        String body = NotificationOutbox.render(io.watchfloor.config.NotificationConfig.Kind.PAGERDUTY,
                IncidentFixture.opened(i.build()), io.watchfloor.config.NotificationConfig.Event.OPENED);
        String summary = JSON.readTree(body).get("payload").get("summary").asText();
        assertThat(summary.length()).isLessThanOrEqualTo(PagerDutyEvent.SUMMARY_MAX);
        // not cut inside a surrogate pair (PagerDuty would reject the broken character)
        assertThat(summary.codePoints().noneMatch(cp -> Character.isSurrogate((char) cp))).isTrue();
    }

    private static List<String> types(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("type").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("text").asText()));
        return out;
    }

    private static List<String> facts(JsonNode factSet) {
        assertThat(factSet.get("type").asText()).isEqualTo("FactSet");
        List<String> out = new ArrayList<>();
        factSet.get("facts").forEach(n -> out.add(n.get("title").asText() + "=" + n.get("value").asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
