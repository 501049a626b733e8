package io.watchfloor.sources.alertmanager;

import static io.watchfloor.sources.alertmanager.Captures.ACTIVE_ONLY;
import static io.watchfloor.sources.alertmanager.Captures.ACTIVE_SILENCED_INHIBITED;
import static io.watchfloor.sources.alertmanager.Captures.BAD_FILTER_400;
import static io.watchfloor.sources.alertmanager.Captures.CAPTURED;
import static io.watchfloor.sources.alertmanager.Captures.answer;
import static io.watchfloor.sources.alertmanager.Captures.json;
import static io.watchfloor.sources.alertmanager.Captures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import io.watchfloor.config.Auth;
import io.watchfloor.config.Secret;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.sources.HandClock;
import io.watchfloor.sources.prometheus.HttpSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a poll fails, and what the operator reads on the source chip. */
class AlertmanagerFailuresTest {
    private static final String TOKEN = "am-s3cr3t-token";

    private MockWebServer server;
    private AlertmanagerSource source;
    private String target;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        target = server.getHostName() + ":" + server.getPort();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    private AlertmanagerSource source(HttpSettings settings, Dns dns) {
        source = new AlertmanagerSource("am", Duration.ofSeconds(5), new AlertmanagerClient(settings, dns),
                new HandClock(CAPTURED));
        return source;
    }

    private AlertmanagerSource source(Duration timeout) {
        return source(HttpSettings.of(server.url("/").uri()).withTimeout(timeout)
                .withAuth(new Auth.Bearer(new Secret(TOKEN))), Dns.SYSTEM);
    }

    private AlertmanagerSource source() {
        return source(Duration.ofSeconds(5));
    }

    private static void assertFails(ThrowingCallable poll, Kind kind, String message) {
        assertThatThrownBy(poll).asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void aRejectedFilterQuotesAlertmanagersOwnError() {
        server.enqueue(json(400, read(BAD_FILTER_400)));
        assertFails(() -> source().poll(), Kind.QUERY, "Alertmanager at " + target
                + " answered HTTP 400: error parsing regexp: missing closing ): `^(?:()$`");
    }

    @Test
    void aServerErrorQuotesItsMessageToo() {
        server.enqueue(json(500, "\"failed to get alerts: context canceled\""));
        assertFails(() -> source().poll(), Kind.HTTP,
                "Alertmanager at " + target + " answered HTTP 500: failed to get alerts: context canceled");
    }

    @Test
    void aCredentialEchoedByTheServerNeverReachesTheMessage() {
        server.enqueue(json(500, "\"upstream rejected Bearer " + TOKEN + "\""));
        assertFails(() -> source().poll(), Kind.HTTP,
                "Alertmanager at " + target + " answered HTTP 500: upstream rejected Bearer ***");
    }

    @Test
    void aProxysErrorPageIsShownAsText() {
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html><head><style>p{}</style></head><body><h1>502 Bad Gateway</h1>nginx</body></html>").build());
        assertFails(() -> source().poll(), Kind.HTTP, "HTTP 502 from " + target + ": 502 Bad Gateway nginx");
    }

    @Test
    void unauthorisedAndForbiddenAreAuthFailures() {
        server.enqueue(json(401, "\"" + TOKEN + " is not valid\""));
        server.enqueue(json(403, "forbidden"));
        String expected = " at " + target + ": check the source's auth (bearer token, or basic user and password)";
        assertFails(() -> source().poll(), Kind.AUTH, "authentication failed (HTTP 401)" + expected);
        assertFails(() -> source.poll(), Kind.AUTH, "authentication failed (HTTP 403)" + expected);
    }

    @Test
    void notFoundSuggestsTheUrlIsWrong() {
        server.enqueue(new MockResponse.Builder().code(404).body("404 page not found\n").build());
        assertFails(() -> source().poll(), Kind.HTTP, "HTTP 404 from " + target + " for /api/v2/alerts: 404 page"
                + " not found; is the url an Alertmanager (0.16 or newer), with its path prefix if it has one?");
    }

    /** The real /api/v2/status answer: what a wrong path or another API returns, an object rather than a list. */
    @Test
    void anObjectInsteadOfAListIsMalformed() {
        server.enqueue(answer(Captures.STATUS));
        assertFails(() -> source().poll(), Kind.MALFORMED, "malformed answer from Alertmanager at " + target
                + ": expected a JSON list of alerts, got a JSON object (is the url an Alertmanager, with its path"
                + " prefix if it has one?)");
    }

    @Test
    void aTruncatedAnswerIsMalformed() {
        String real = read(ACTIVE_SILENCED_INHIBITED);
        server.enqueue(json(200, real.substring(0, real.length() / 2)));
        assertThatThrownBy(() -> source().poll()).asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
                .hasMessageStartingWith("malformed answer from Alertmanager at " + target + ": not valid JSON: ");
    }

    @Test
    void anEmptyAnswerIsMalformed() {
        server.enqueue(json(200, ""));
        assertFails(() -> source().poll(), Kind.MALFORMED, "malformed answer from Alertmanager at " + target
                + ": the answer is empty; expected a JSON list of alerts");
    }

    @Test
    void aLoginPageInsteadOfJsonIsMalformed() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
                .body("<html><body><form>Sign in to continue</form></body></html>").build());
        assertFails(() -> source().poll(), Kind.MALFORMED,
                "got an HTML page instead of Alertmanager JSON from " + target + ": Sign in to continue");
    }

    @Test
    void connectionRefusedIsUnreachable() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        source(HttpSettings.of(URI.create("http://127.0.0.1:" + port)), Dns.SYSTEM);
        assertFails(() -> source.poll(), Kind.UNREACHABLE, "connection refused by 127.0.0.1:" + port);
    }

    @Test
    void anUnknownHostIsUnreachableAndSaysDns() {
        source(HttpSettings.of(URI.create("http://alertmanager.nowhere.example:9093")), host -> {
            throw new UnknownHostException(host);
        });
        assertFails(() -> source.poll(), Kind.UNREACHABLE,
                "cannot resolve host alertmanager.nowhere.example (DNS lookup failed)");
    }

    @Test
    void slowHeadersAreATimeout() {
        server.enqueue(answer(ACTIVE_ONLY).newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
        assertFails(() -> source(Duration.ofMillis(300)).poll(), Kind.TIMEOUT,
                "no answer from " + target + " within 300 ms");
    }

    /** The engine's watchdog interrupts a hanging poll: the call is abandoned at once, not at its own timeout. */
    @Test
    void anInterruptedPollGivesUpAtOnce() throws Exception {
        server.enqueue(answer(ACTIVE_ONLY).newBuilder().headersDelay(30, TimeUnit.SECONDS).build());
        AlertmanagerSource slow = source(Duration.ofSeconds(60));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread poller = new Thread(() -> {
            try {
                slow.poll();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        poller.start();
        assertThat(server.takeRequest(10, TimeUnit.SECONDS)).as("the request reached the server").isNotNull();

        poller.interrupt();
        poller.join(5000);

        assertThat(poller.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(SourceException.class)
                .satisfies(e -> assertThat(((SourceException) e).kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void credentialsAndHeadersAreSentUnderAPathPrefix() throws Exception {
        server.enqueue(answer(ACTIVE_ONLY));
        server.enqueue(answer(ACTIVE_ONLY));
        HttpSettings prefixed = HttpSettings.of(server.url("/alertmanager/").uri())
                .withHeaders(java.util.Map.of("X-Scope-OrgID", "gpu-team"));
        source(prefixed.withAuth(new Auth.Bearer(new Secret(TOKEN))), Dns.SYSTEM).poll();
        source.close();
        source(prefixed.withAuth(new Auth.Basic("watchfloor", new Secret("pa55word"))), Dns.SYSTEM).poll();

        var bearer = server.takeRequest();
        assertThat(bearer.getUrl().encodedPath()).isEqualTo("/alertmanager/api/v2/alerts");
        assertThat(bearer.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(bearer.getHeaders().get("X-Scope-OrgID")).isEqualTo("gpu-team");
        assertThat(server.takeRequest().getHeaders().get("Authorization"))
                .isEqualTo("Basic d2F0Y2hmbG9vcjpwYTU1d29yZA=="); // base64("watchfloor:pa55word")
    }
}
