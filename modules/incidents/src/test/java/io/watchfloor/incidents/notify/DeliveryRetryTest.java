package io.watchfloor.incidents.notify;

import static io.watchfloor.incidents.notify.NotifyHarness.SLACK_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.incidents.DeliveryStatus;
import io.watchfloor.incidents.Incident;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures that pass (5xx, 429, no connection) are retried on the backoff schedule or when Retry-After says;
 * refusals (4xx) are given up at once with the channel's own words; nothing is lost across a restart. The clock
 * is moved by hand; the backoff's random part is fixed at "none" (the full wait).
 */
class DeliveryRetryTest {
    @TempDir
    Path dir;
    private NotifyHarness h;
    private MockWebServer server;
    private final Incident inc7 = IncidentFixture.p1().build();

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

    private static MockResponse answer(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    private void startSlack() {
        h.start(NotifyHarness.slack("slack-ops", server.url(SLACK_PATH).uri()));
    }

    @Test
    void aServerErrorIsRetriedWithGrowingWaitsUntilItIsTaken() throws Exception {
        server.enqueue(answer(500, "rollup_error"));
        server.enqueue(answer(503, ""));
        server.enqueue(answer(200, "ok"));
        startSlack();
        Instant start = h.clock.instant();

        h.commit(IncidentFixture.opened(inc7));

        DeliveryStatus first = h.statuses.await("slack-ops", "failing after the 500", DeliveryStatus::failing);
        assertThat(first.lastError()).isEqualTo("HTTP 500: rollup_error");
        assertThat(first.pending()).isEqualTo(1);
        assertThat(first.nextAttemptAt()).isEqualTo(start.plus(Backoff.FIRST));
        assertThat(first.givenUp()).isZero();

        h.advance(Duration.ofSeconds(4));
        assertThat(server.getRequestCount()).as("not before the backoff").isEqualTo(1);
        h.advance(Duration.ofSeconds(1));
        DeliveryStatus second = h.statuses.await("slack-ops", "the 503 recorded",
                s -> s.lastError() != null && s.lastError().startsWith("HTTP 503"));
        assertThat(second.nextAttemptAt()).as("the wait doubles").isEqualTo(start.plusSeconds(5 + 10));

        h.advance(Duration.ofSeconds(10));
        DeliveryStatus done = h.statuses.await("slack-ops", "delivered", s -> s.pending() == 0);
        assertThat(done.failing()).isFalse();
        assertThat(done.lastError()).isNull();
        assertThat(done.nextAttemptAt()).isNull();
        assertThat(done.lastDeliveredAt()).isEqualTo(start.plusSeconds(15));
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(h.rows().get(0)).containsEntry("attempts", 3).containsEntry("last_error", null);
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "120").body("rate_limited").build());
        server.enqueue(answer(200, "ok"));
        startSlack();
        Instant start = h.clock.instant();

        h.commit(IncidentFixture.opened(inc7));

        DeliveryStatus limited = h.statuses.await("slack-ops", "rate limited", DeliveryStatus::failing);
        assertThat(limited.lastError()).isEqualTo("HTTP 429: rate_limited");
        assertThat(limited.nextAttemptAt()).isEqualTo(start.plusSeconds(120));

        h.advance(Duration.ofSeconds(119));
        assertThat(server.getRequestCount()).as("Retry-After is honoured, not our shorter backoff").isEqualTo(1);
        h.advance(Duration.ofSeconds(1));
        h.statuses.await("slack-ops", "delivered", s -> s.pending() == 0 && !s.failing());
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRefusedMessageIsGivenUpAtOnceWithTheChannelsWordsAndTheNextOneStillGoesOut() throws Exception {
        server.enqueue(answer(400, "invalid_payload"));
        server.enqueue(answer(200, "ok"));
        startSlack();

        h.commit(IncidentFixture.opened(inc7));
        DeliveryStatus refused = h.statuses.await("slack-ops", "given up", s -> s.givenUp() == 1);
        assertThat(refused.lastError()).isEqualTo("HTTP 400: invalid_payload");
        assertThat(refused.failing()).isTrue();
        assertThat(refused.pending()).isZero();
        assertThat(refused.nextAttemptAt()).isNull();
        assertThat(server.getRequestCount()).as("never sent again").isEqualTo(1);
        assertThat(h.rows().get(0).get("given_up_at")).isNotNull();

        h.commit(IncidentFixture.acknowledgedEvent(IncidentFixture.p1().acknowledged("alice", Duration.ofMinutes(3)).build()));
        DeliveryStatus after = h.statuses.await("slack-ops", "the next delivered", s -> s.lastDeliveredAt() != null);
        assertThat(after.failing()).isFalse();
        assertThat(after.givenUp()).as("counted since the start").isEqualTo(1);
    }

    @Test
    void pagerDutyRefusalShowsItsErrorList() throws Exception {
        server.enqueue(answer(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                + "\"errors\":[\"'payload.summary' is missing or blank\"]}"));
        h.start(NotifyHarness.pagerDuty("pd-gpu", server.url("/v2/enqueue").uri()));

        h.commit(IncidentFixture.opened(inc7));

        DeliveryStatus s = h.statuses.await("pd-gpu", "given up", x -> x.givenUp() == 1);
        assertThat(s.lastError()).isEqualTo("HTTP 400: Event object is invalid: 'payload.summary' is missing or blank");
        assertThat(s.kind()).isEqualTo("pagerduty");
    }

    @Test
    void slackRevokedWebhookIsGivenUp() throws Exception {
        server.enqueue(answer(404, "no_service"));
        server.enqueue(answer(403, "invalid_token"));
        startSlack();

        h.commit(IncidentFixture.opened(inc7));
        h.statuses.await("slack-ops", "404 given up", s -> "HTTP 404: no_service".equals(s.lastError()));
        h.commit(IncidentFixture.acknowledgedEvent(IncidentFixture.p1().acknowledged("alice", Duration.ofMinutes(3)).build()));
        DeliveryStatus s = h.statuses.await("slack-ops", "403 given up", x -> x.givenUp() == 2);
        assertThat(s.lastError()).isEqualTo("HTTP 403: invalid_token");
    }

    @Test
    void undeliveredMessagesGoOutAfterARestartInTheirOrder() throws Exception {
        server.enqueue(answer(502, "bad gateway"));
        startSlack();
        h.commit(IncidentFixture.opened(inc7));
        h.statuses.await("slack-ops", "failing", DeliveryStatus::failing);
        h.commit(IncidentFixture.acknowledgedEvent(IncidentFixture.p1().acknowledged("alice", Duration.ofMinutes(3)).build()));
        h.dispatcher.afterPass().get();
        assertThat(server.getRequestCount()).as("the acknowledgement waits behind the opening").isEqualTo(1);

        h.restart();
        server.enqueue(answer(200, "ok"));
        server.enqueue(answer(200, "ok"));
        NotificationDispatcher second = h.dispatcher(NotifyHarness.slack("slack-ops", server.url(SLACK_PATH).uri()));
        StatusRecorder after = new StatusRecorder();
        second.start(after);
        // what the last run knew is shown at once
        DeliveryStatus resumed = after.await("slack-ops", "state from the last run", s -> s.pending() == 2);
        assertThat(resumed.failing()).isTrue();
        assertThat(resumed.lastError()).isEqualTo("HTTP 502: bad gateway");

        h.advance(Backoff.FIRST);
        after.await("slack-ops", "both delivered", s -> s.pending() == 0 && s.lastDeliveredAt() != null);
        server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8()).contains("INC-7 opened");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8()).contains("INC-7 acknowledged");
    }

    @Test
    void messagesNobodyTookForADayAreDroppedAndOldRowsDeleted() throws Exception {
        server.enqueue(answer(200, "ok"));
        startSlack();
        h.commit(IncidentFixture.opened(inc7));
        h.statuses.await("slack-ops", "delivered", s -> s.lastDeliveredAt() != null);
        for (int i = 0; i < 3; i++) {
            server.enqueue(answer(500, "down"));
        }
        h.commit(IncidentFixture.acknowledgedEvent(IncidentFixture.p1().acknowledged("alice", Duration.ofMinutes(3)).build()));
        h.statuses.await("slack-ops", "failing", DeliveryStatus::failing);

        // the acknowledgement was written at 10:03 (its event time); a day later it is dropped
        h.advance(NotificationDispatcher.EXPIRE_AFTER.plusMinutes(5));
        DeliveryStatus expired = h.statuses.await("slack-ops", "expired", s -> s.givenUp() == 1);
        assertThat(expired.pending()).isZero();
        assertThat(expired.lastError()).isEqualTo("not delivered within 24 h (last error: HTTP 500: down)");
        assertThat(h.rows()).hasSize(2);

        h.advance(NotificationDispatcher.KEEP_DONE.plusMinutes(1));
        assertThat(h.rows()).as("delivered and given-up rows older than 7 days are deleted").isEmpty();
    }

    @Test
    void theCommandLineCanWaitForItsMessagesBeforeExiting() throws Exception {
        server.enqueue(answer(200, "ok"));
        server.enqueue(answer(503, "busy"));
        startSlack();

        h.commit(IncidentFixture.opened(inc7));
        assertThat(h.dispatcher.awaitSent(Duration.ofSeconds(20))).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);

        h.commit(IncidentFixture.acknowledgedEvent(IncidentFixture.p1().acknowledged("alice", Duration.ofMinutes(3)).build()));
        assertThat(h.dispatcher.awaitSent(Duration.ofMillis(500))).as("still waiting to retry").isFalse();
        assertThat(h.rows().get(1).get("delivered_at")).isNull();
    }
}
