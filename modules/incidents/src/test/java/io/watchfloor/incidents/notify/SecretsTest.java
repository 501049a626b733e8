package io.watchfloor.incidents.notify;

import static io.watchfloor.incidents.notify.NotifyHarness.ROUTING_KEY;
import static io.watchfloor.incidents.notify.NotifyHarness.SLACK_PATH;
import static io.watchfloor.incidents.notify.NotifyHarness.TEAMS_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.incidents.DeliveryStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook URL is a credential (anyone holding it can post to the channel), and so is PagerDuty's routing key.
 * Neither may show on a screen (DeliveryStatus) or in the log, even when the server echoes them back.
 */
class SecretsTest {
    /** The parts of the test URLs and key that must never be shown. */
    private static final List<String> SECRETS = List.of("xoxSeCrEtWeBhOoKtOkEn42", "TeamsSiGnAtUrE0123456789",
            "4f1c0d7a9b2e", ROUTING_KEY);

    @TempDir
    Path dir;
    private NotifyHarness h;
    private MockWebServer server;
    private LogCapture log;

    @BeforeEach
    void setUp() throws Exception {
        log = new LogCapture();
        h = new NotifyHarness(dir);
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void tearDown() {
        h.close();
        server.close();
        log.close();
    }

    @Test
    void echoedSecretsAreHiddenInStatesAndLogs() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                String body = request.getBody().utf8();
                if (request.getTarget().startsWith("/v2/enqueue")) {
                    // a server that quotes the request in its error
                    return new MockResponse.Builder().code(400).body("{\"status\":\"invalid event\",\"message\":"
                            + "\"Event object is invalid\",\"errors\":[\"unknown routing_key " + ROUTING_KEY + "\"]}")
                            .build();
                }
                if (body.contains("opened")) {
                    return new MockResponse.Builder().code(403).body("invalid_token for " + request.getUrl()).build();
                }
                return new MockResponse.Builder().code(500).body("upstream failed posting to " + request.getTarget())
                        .build();
            }
        });
        h.start(NotifyHarness.slack("slack-ops", server.url(SLACK_PATH).uri()),
                NotifyHarness.teams("teams-noc", URI.create("http://127.0.0.1:" + closedPort + TEAMS_PATH)),
                NotifyHarness.pagerDuty("pd-gpu", server.url("/v2/enqueue").uri()));

        h.commit(IncidentFixture.opened(IncidentFixture.p1().build()));
        DeliveryStatus slack = h.statuses.await("slack-ops", "refused", s -> s.givenUp() == 1);
        DeliveryStatus pd = h.statuses.await("pd-gpu", "refused", s -> s.givenUp() == 1);
        DeliveryStatus teams = h.statuses.await("teams-noc", "unreachable", DeliveryStatus::failing);
        h.commit(IncidentFixture.acknowledgedEvent(IncidentFixture.p1().acknowledged("alice", java.time.Duration.ofMinutes(2))
                .build()));
        DeliveryStatus slack500 = h.statuses.await("slack-ops", "5xx", s -> s.lastError().startsWith("HTTP 500"));

        assertThat(slack.lastError()).isEqualTo("HTTP 403: invalid_token for ***");
        assertThat(pd.lastError()).isEqualTo("HTTP 400: Event object is invalid: unknown routing_key ***");
        assertThat(teams.lastError()).isEqualTo("cannot connect to 127.0.0.1 (ConnectException)");
        assertThat(slack500.lastError()).isEqualTo("HTTP 500: upstream failed posting to ***");

        List<String> shown = new ArrayList<>();
        h.statuses.all().forEach(list -> list.forEach(s -> shown.add(s.toString())));
        shown.addAll(log.lines());
        shown.add(h.rows().toString());
        assertThat(log.lines()).as("the log says which channel failed")
                .anyMatch(l -> l.contains("slack-ops") && l.contains("HTTP 403"))
                .anyMatch(l -> l.contains("pd-gpu") && l.contains("HTTP 400"))
                .anyMatch(l -> l.contains("teams-noc") && l.contains("cannot connect"));
        for (String secret : SECRETS) {
            assertThat(shown).as("nothing shows " + secret).noneMatch(line -> line.contains(secret));
        }
    }

    @Test
    void theRedactorHidesTheWholeUrlAndEachLongPathPart() {
        Redactor r = new Redactor(NotifyHarness.slack("s", URI.create("https://hooks.slack.com" + SLACK_PATH)));
        assertThat(r.clean("POST https://hooks.slack.com" + SLACK_PATH + " failed")).isEqualTo("POST *** failed");
        assertThat(r.clean("token xoxSeCrEtWeBhOoKtOkEn42 revoked")).isEqualTo("token *** revoked");
        assertThat(r.clean("hooks.slack.com refused")).as("the host is not a secret").isEqualTo("hooks.slack.com refused");
    }
}
