package io.watchfloor.incidents.notify;

import static io.watchfloor.incidents.notify.NotifyHarness.SLACK_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.watchfloor.incidents.DeliveryStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel that hangs or cannot be reached delays neither the other channels nor the incident action that
 * wrote the messages.
 */
class ChannelIsolationTest {
    @TempDir
    Path dir;
    private NotifyHarness h;
    private MockWebServer fast;
    private MockWebServer hanging;
    /** The hanging server answers once this opens. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch arrived = new CountDownLatch(1);

    @BeforeEach
    void setUp() throws Exception {
        h = new NotifyHarness(dir);
        fast = new MockWebServer();
        fast.start(InetAddress.getByName("127.0.0.1"), 0);
        hanging = new MockWebServer();
        hanging.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                arrived.countDown();
                release.await();
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        hanging.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        h.close();
        fast.close();
        hanging.close();
    }

    @Test
    void aHangingChannelDelaysNeitherTheOtherChannelNorTheCaller() throws Exception {
        fast.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        fast.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        h.dispatcher(Duration.ofSeconds(60), NotifyHarness.slack("slow", hanging.url(SLACK_PATH).uri()),
                NotifyHarness.slack("fast", fast.url(SLACK_PATH).uri())).start(h.statuses);

        h.commit(IncidentFixture.opened(IncidentFixture.p1().build()));
        assertThat(arrived.await(20, TimeUnit.SECONDS)).as("the slow channel's request is under way").isTrue();
        h.statuses.await("fast", "delivered while the slow channel hangs", s -> s.lastDeliveredAt() != null);

        // the next action's messages are written and the caller goes on while a request still hangs
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> h.commit(IncidentFixture.acknowledgedEvent(
                IncidentFixture.p1().acknowledged("alice", Duration.ofMinutes(2)).build())));
        h.statuses.await("fast", "second delivered", s -> s.pending() == 0 && fast.getRequestCount() == 2);
        DeliveryStatus slow = h.statuses.await("slow", "both waiting", s -> s.pending() == 2);
        assertThat(slow.failing()).isFalse();
        assertThat(hanging.getRequestCount()).as("one at a time per channel, in order").isEqualTo(1);

        release.countDown();
        h.statuses.await("slow", "both delivered once released", s -> s.pending() == 0);
        assertThat(hanging.takeRequest().getBody().utf8()).contains("INC-7 opened");
        assertThat(hanging.takeRequest().getBody().utf8()).contains("INC-7 acknowledged");
    }

    @Test
    void aChannelThatDoesNotAnswerTimesOutAndIsRetried() throws Exception {
        h.dispatcher(Duration.ofMillis(500), NotifyHarness.slack("slow", hanging.url(SLACK_PATH).uri()))
                .start(h.statuses);

        h.commit(IncidentFixture.opened(IncidentFixture.p1().build()));

        DeliveryStatus s = h.statuses.await("slow", "timed out", DeliveryStatus::failing);
        assertThat(s.lastError()).isEqualTo("no answer from " + hanging.getHostName() + " in time (timeout)");
        assertThat(s.nextAttemptAt()).isEqualTo(h.clock.instant().plus(Backoff.FIRST));
    }

    @Test
    void anUnreachableChannelIsRetriedWhileTheOtherDelivers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        fast.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        h.start(NotifyHarness.slack("gone", URI.create("http://127.0.0.1:" + closedPort + SLACK_PATH)),
                NotifyHarness.slack("fast", fast.url(SLACK_PATH).uri()));

        h.commit(IncidentFixture.opened(IncidentFixture.p1().build()));

        h.statuses.await("fast", "delivered", s -> s.lastDeliveredAt() != null);
        DeliveryStatus gone = h.statuses.await("gone", "failing", DeliveryStatus::failing);
        assertThat(gone.lastError()).isEqualTo("cannot connect to 127.0.0.1 (ConnectException)");
        assertThat(gone.pending()).isEqualTo(1);
        assertThat(gone.givenUp()).isZero();
    }
}
