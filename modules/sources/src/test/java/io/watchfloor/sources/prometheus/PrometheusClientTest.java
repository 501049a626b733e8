package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import io.watchfloor.config.Auth;
import io.watchfloor.config.Secret;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP behaviour of {@link PrometheusClient} against MockWebServer serving the real captures. */
class PrometheusClientTest {
    private static final String TOKEN = "s3cr3t-token-value";

    private MockWebServer server;
    private PrometheusClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse fixture(String file) {
        return json(200, Fixtures.prometheusApi(file));
    }

    private PrometheusClient client(HttpSettings settings) {
        client = new PrometheusClient(settings);
        return client;
    }

    private HttpSettings settings(String path) {
        return HttpSettings.of(server.url(path).uri()).withTimeout(Duration.ofSeconds(5));
    }

    @Test
    void instantQueryUnderAPathPrefix() throws Exception {
        server.enqueue(fixture("docs-query-instant-vector-up.json"));
        QueryResult r = client(settings("/prometheus")).query("up", Instant.ofEpochMilli(1435781451781L));

        assertThat(((QueryResult.Vector) r).samples()).hasSize(2);
        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("GET");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/prometheus/api/v1/query");
        assertThat(req.getUrl().queryParameter("query")).isEqualTo("up");
        assertThat(req.getUrl().queryParameter("time")).isEqualTo("1435781451.781");
    }

    @Test
    void rangeQueryWithTrailingSlashInBaseUrl() throws Exception {
        server.enqueue(fixture("prom2.42-query_range-matrix-http-requests-rate.json"));
        QueryResult r = client(settings("/prom/")).queryRange("rate(prometheus_http_requests_total[1m])",
                Instant.ofEpochSecond(1795415690), Instant.ofEpochSecond(1795415870), Duration.ofSeconds(15));

        assertThat(((QueryResult.Matrix) r).series()).hasSize(3);
        RecordedRequest req = server.takeRequest();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/prom/api/v1/query_range");
        assertThat(req.getUrl().queryParameter("start")).isEqualTo("1795415690.000");
        assertThat(req.getUrl().queryParameter("end")).isEqualTo("1795415870.000");
        assertThat(req.getUrl().queryParameter("step")).isEqualTo("15");
    }

    @Test
    void bearerTokenAndTenantHeaderAreSent() throws Exception {
        server.enqueue(fixture("query-vector-empty-result.json"));
        client(settings("/").withAuth(new Auth.Bearer(new Secret(TOKEN)))
                .withHeaders(Map.of("X-Scope-OrgID", "team-gpu"))).query("up", null);

        RecordedRequest req = server.takeRequest();
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(req.getHeaders().get("X-Scope-OrgID")).isEqualTo("team-gpu");
        assertThat(req.getUrl().queryParameter("time")).isNull();
    }

    @Test
    void basicAuthIsSent() throws Exception {
        server.enqueue(fixture("query-vector-empty-result.json"));
        client(settings("/").withAuth(new Auth.Basic("grafana", new Secret("pa55word")))).query("up", null);

        assertThat(server.takeRequest().getHeaders().get("Authorization"))
                .isEqualTo("Basic Z3JhZmFuYTpwYTU1d29yZA=="); // base64("grafana:pa55word")
    }

    @Test
    void connectionsAreReused() throws Exception {
        server.enqueue(fixture("query-vector-empty-result.json"));
        server.enqueue(fixture("query-vector-empty-result.json"));
        PrometheusClient c = client(settings("/"));
        c.query("up", null);
        c.query("up", null);

        server.takeRequest();
        assertThat(server.takeRequest().getExchangeIndex()).isEqualTo(1); // 2nd exchange on the same connection
    }

    @Test
    void unauthorizedIsAuthAndDoesNotLeakTheToken() {
        server.enqueue(new MockResponse.Builder().code(401).body("invalid token " + TOKEN).build());
        assertThatThrownBy(() -> client(settings("/").withAuth(new Auth.Bearer(new Secret(TOKEN)))).query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTH);
                    assertThat(e.getMessage()).isEqualTo("authentication failed (HTTP 401)");
                });
    }

    @Test
    void forbiddenIsAuth() {
        server.enqueue(new MockResponse.Builder().code(403).body("forbidden").build());
        assertThatThrownBy(() -> client(settings("/")).query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
                .hasMessage("authentication failed (HTTP 403)");
    }

    @Test
    void badDataErrorCarriesErrorTypeAndMessage() {
        server.enqueue(json(400, Fixtures.prometheusApi("prom2.42-error-400-bad_data-parse-error.json")));
        assertThatThrownBy(() -> client(settings("/")).query("sum(up", null))
                .asInstanceOf(throwable(PrometheusQueryException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.QUERY);
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.errorType()).isEqualTo("bad_data");
                    assertThat(e.error()).isEqualTo("invalid parameter \"query\": 1:7: parse error: unclosed left parenthesis");
                    assertThat(e.getMessage())
                            .isEqualTo("bad_data: invalid parameter \"query\": 1:7: parse error: unclosed left parenthesis");
                });
    }

    @Test
    void tooManyPointsError() {
        server.enqueue(json(400, Fixtures.prometheusApi("prom2.42-error-400-bad_data-too-many-points.json")));
        assertThatThrownBy(() -> client(settings("/")).queryRange("up", Instant.EPOCH, Instant.ofEpochSecond(86400),
                Duration.ofSeconds(1)))
                .asInstanceOf(throwable(PrometheusQueryException.class))
                .satisfies(e -> assertThat(e.errorType()).isEqualTo("bad_data"))
                .hasMessageStartingWith("bad_data: exceeded maximum resolution of 11,000 points");
    }

    @Test
    void proxyHtmlErrorIsHttpWithAShortExcerpt() {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Content-Type", "text/html")
                .body("<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
                        + "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n"
                        + "</body>\r\n</html>\r\n")
                .build());
        assertThatThrownBy(() -> client(settings("/")).query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP);
                    assertThat(e.getMessage()).startsWith("HTTP 503 from ")
                            .contains("503 Service Temporarily Unavailable").contains("nginx")
                            .doesNotContain("<").hasSizeLessThan(260);
                });
    }

    @Test
    void htmlPageWithStatus200IsMalformed() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
                .body("<html><head><title>Sign in</title></head><body>Sign in to continue</body></html>").build());
        assertThatThrownBy(() -> client(settings("/")).query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
                .hasMessageContaining("HTML page").hasMessageContaining("Sign in");
    }

    @Test
    void secretsEchoedByTheServerAreRedacted() {
        server.enqueue(new MockResponse.Builder().code(500).body("upstream rejected Bearer " + TOKEN).build());
        assertThatThrownBy(() -> client(settings("/").withAuth(new Auth.Bearer(new Secret(TOKEN)))).query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP);
                    assertThat(e.getMessage()).doesNotContain(TOKEN).contains("***");
                });
    }

    @Test
    void truncatedBodyIsMalformed() {
        String real = Fixtures.prometheusApi("query-vector-DCGM_FI_DEV_GPU_UTIL-16xH100-eks.json");
        server.enqueue(json(200, real.substring(0, real.length() / 2)));
        assertThatThrownBy(() -> client(settings("/")).query("DCGM_FI_DEV_GPU_UTIL", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
                .hasMessageStartingWith("malformed answer from ");
    }

    @Test
    void connectionDroppedInsideTheBodyIsMalformed() {
        server.enqueue(fixture("query-vector-DCGM_FI_DEV_GPU_UTIL-16xH100-eks.json").newBuilder()
                .onResponseBody(new SocketEffect.CloseSocket()).build());
        assertThatThrownBy(() -> client(settings("/")).query("DCGM_FI_DEV_GPU_UTIL", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
    }

    @Test
    void slowHeadersAreTimeout() {
        server.enqueue(fixture("query-vector-empty-result.json").newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
        assertThatThrownBy(() -> client(settings("/").withTimeout(Duration.ofMillis(300))).query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
                .hasMessageEndingWith("within 300 ms");
    }

    @Test
    void slowBodyIsTimeout() {
        // the 16-series capture dripped at 64 bytes per 100 ms would take ~15 s
        server.enqueue(fixture("query-vector-DCGM_FI_DEV_GPU_UTIL-16xH100-eks.json").newBuilder()
                .throttleBody(64, 100, TimeUnit.MILLISECONDS).build());
        assertThatThrownBy(() -> client(settings("/").withTimeout(Duration.ofMillis(500))).query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void connectionRefusedIsUnreachable() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        client = new PrometheusClient(HttpSettings.of(URI.create("http://127.0.0.1:" + port)));
        assertThatThrownBy(() -> client.query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                .hasMessage("connection refused by 127.0.0.1:" + port);
    }

    @Test
    void unknownHostIsUnreachableAndMentionsDns() {
        client = new PrometheusClient(HttpSettings.of(URI.create("https://user:pw@prometheus.nowhere.example/prom")),
                host -> {
                    throw new UnknownHostException(host);
                });
        assertThatThrownBy(() -> client.query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("prometheus.nowhere.example").contains("DNS").doesNotContain("pw");
                });
    }

    @Test
    void serverWarningsArePassedOn() throws Exception {
        String real = Fixtures.prometheusApi("query-vector-empty-result.json");
        server.enqueue(json(200, real.replaceFirst("\\{", "{\"warnings\":[\"partial response\"],")));
        assertThat(client(settings("/")).query("up", null).warnings()).isEqualTo(List.of("partial response"));
    }

    @Test
    void fleetSizedAnswerStreamsThrough() throws Exception {
        server.enqueue(json(200, LargeAnswers.dcgmUtilForHosts(625)));
        QueryResult r = client(settings("/")).query("DCGM_FI_DEV_GPU_UTIL", null);
        assertThat(((QueryResult.Vector) r).samples()).hasSize(10_000);
    }
}
