package io.watchfloor.sources.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.ProbeConfig.Kind;
import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKey;
import io.watchfloor.sources.SourceContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

/** Probes against a real local HTTP server: what goes over the wire, and the reading that comes back. */
class ProbeWireTest {
    private static final String KEY = "sk-test-0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("LLAMA_KEY", KEY);
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final FakeClock clock = new FakeClock(NOW);
    private final List<Source> opened = new ArrayList<>();
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        opened.forEach(Source::close);
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private Source probe(EndpointConfig endpoint) {
        List<Source> sources = ProbeSources.create(List.of(endpoint), new SourceContext(clock, Thresholds.DEFAULTS), ENV);
        opened.addAll(sources);
        return sources.get(0);
    }

    private static Reading only(PollResult r) {
        assertThat(r.readings()).hasSize(1);
        assertThat(r.warnings()).isEmpty();
        return r.readings().get(0);
    }

    @Test
    void aHealthyHttpEndpoint() throws Exception {
        server.enqueue(json(200, "{\"status\":\"ok\"}"));
        Source s = probe(Probes.of(Kind.HTTP, server.url("/health")).interval(Duration.ofSeconds(15)).endpoint("llama"));

        PollResult result = s.poll();

        assertThat(s.id()).isEqualTo("probe:llama");
        assertThat(s.type()).isEqualTo("probe");
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(result.requests()).isEqualTo(1);
        Reading r = only(result);
        assertThat(r.key()).isEqualTo(TileKey.probe("llama"));
        assertThat(r.sourceId()).isEqualTo("probe:llama");
        assertThat(r.sampledAt()).isEqualTo(NOW);
        assertThat(r.model()).isEqualTo("200 OK");
        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(1.0);
        assertThat(r.value(Metric.PROBE_HTTP_STATUS)).isEqualTo(200.0);
        assertThat(r.value(Metric.PROBE_MS)).isPositive();
        assertThat(r.has(Metric.TLS_DAYS_LEFT)).as("plain http has no certificate").isFalse();
        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("GET");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/health");
        assertThat(req.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void aServerErrorIsDownWithItsStatusAndLatency() throws Exception {
        server.enqueue(json(503, "{\"object\":\"error\",\"message\":\"engine is loading\"}"));
        Reading r = only(probe(Probes.of(Kind.HTTP, server.url("/health")).endpoint("llama")).poll());

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.value(Metric.PROBE_HTTP_STATUS)).isEqualTo(503.0);
        assertThat(r.has(Metric.PROBE_MS)).as("an answer came: its time is a latency").isTrue();
        assertThat(r.model()).isEqualTo("HTTP 503 Service Unavailable: engine is loading");
    }

    @Test
    void aJsonConditionThatDoesNotHold() throws Exception {
        server.enqueue(json(200, "{\"status\":\"degraded\",\"gpus\":8}"));
        Reading r = only(probe(Probes.of(Kind.HTTP, server.url("/status")).json("/status", "ok").endpoint("e")).poll());

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.value(Metric.PROBE_HTTP_STATUS)).isEqualTo(200.0);
        assertThat(r.model()).isEqualTo("JSON /status is \"degraded\", expected \"ok\"");
    }

    @Test
    void anExpectedNon200Status() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        Reading r = only(probe(Probes.of(Kind.HTTP, server.url("/ping")).expectStatus(204).endpoint("e")).poll());

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(1.0);
        assertThat(r.model()).isEqualTo("204 No Content");
    }

    @Test
    void modelsListWithTheKeyAsBearer() throws Exception {
        server.enqueue(json(200, OpenAiBodies.MODELS_3));
        Source s = probe(Probes.of(Kind.MODELS, server.url("/v1/")).apiKeyEnv("LLAMA_KEY").endpoint("llama"));

        Reading r = only(s.poll());

        assertThat(r.model()).isEqualTo("200 OK · 3 models");
        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(1.0);
        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("GET");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/models");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void modelsBehindALoginPageIsDown() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<html><body><form action=/login>Sign in</form></body></html>").build());
        Reading r = only(probe(Probes.of(Kind.MODELS, server.url("/v1")).endpoint("e")).poll());

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.model()).isEqualTo("200 OK but an HTML page came back, not JSON");
    }

    @Test
    void oneTokenCompletion() throws Exception {
        server.enqueue(json(200, OpenAiBodies.COMPLETION_1_TOKEN));
        Source s = probe(Probes.of(Kind.COMPLETION, server.url("/v1"))
                .model("meta-llama/Llama-3.1-8B-Instruct").apiKeyEnv("LLAMA_KEY").endpoint("llama"));

        Reading r = only(s.poll());

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(1.0);
        assertThat(r.model()).isEqualTo("200 OK · meta-llama/Llama-3.1-8B-Instruct answered");
        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/completions");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(req.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode sent = AnswerJudge.JSON.readTree(req.getBody().utf8());
        assertThat(sent.get("model").asText()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(sent.get("prompt").asText()).isEqualTo("ping");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void aRejectedKeyIsTheEndpointDownNotTheConsolesAuth() throws Exception {
        server.enqueue(json(401, OpenAiBodies.OPENAI_KEY_REJECTED.formatted(KEY)));
        Source s = probe(Probes.of(Kind.COMPLETION, server.url("/v1")).model("m").apiKeyEnv("LLAMA_KEY").endpoint("e"));

        Reading r = only(s.poll());

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.value(Metric.PROBE_HTTP_STATUS)).isEqualTo(401.0);
        assertThat(r.model()).isEqualTo("HTTP 401: API key rejected").doesNotContain(KEY);
    }

    @Test
    void aKeyEchoedByTheServerNeverReachesTheOutcome() throws Exception {
        server.enqueue(json(400, "{\"error\":{\"message\":\"key " + KEY + " has no access to model m\"}}"));
        Source s = probe(Probes.of(Kind.COMPLETION, server.url("/v1")).model("m").apiKeyEnv("LLAMA_KEY").endpoint("e"));

        assertThat(only(s.poll()).model()).isEqualTo("HTTP 400 Bad Request: key *** has no access to model m");
    }

    @Test
    void aMissingKeyVariableIsTheConsolesProblem() {
        Source s = probe(Probes.of(Kind.COMPLETION, server.url("/v1")).model("m").apiKeyEnv("NOT_SET").endpoint("e"));

        assertThatThrownBy(s::poll).asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.AUTH))
                .hasMessageStartingWith("environment variable NOT_SET is not set");
        assertThat(server.getRequestCount()).as("nothing was sent").isZero();
    }

    @Test
    void aBlankKeyVariableCountsAsNotSet() {
        List<Source> sources = ProbeSources.create(
                List.of(Probes.of(Kind.MODELS, server.url("/v1")).apiKeyEnv("BLANK").endpoint("e")),
                new SourceContext(clock, Thresholds.DEFAULTS), Map.of("BLANK", "  "));
        opened.addAll(sources);

        assertThatThrownBy(sources.get(0)::poll).hasMessageStartingWith("environment variable BLANK is not set");
    }

    @Test
    void aSlowAnswerTimesOut() throws Exception {
        // the server would answer in 30 s; the probe gives up after its own 300 ms
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).build());
        Reading r = only(probe(Probes.of(Kind.HTTP, server.url("/slow")).timeout(Duration.ofMillis(300))
                .endpoint("e")).poll());

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.model()).isEqualTo("timed out after 300 ms");
        assertThat(r.has(Metric.PROBE_MS)).isFalse();
        assertThat(r.has(Metric.PROBE_HTTP_STATUS)).isFalse();
    }

    @Test
    void aBodyThatStallsTimesOutAfterItsStatus() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(OpenAiBodies.MODELS_3).bodyDelay(30, TimeUnit.SECONDS).build());
        Reading r = only(probe(Probes.of(Kind.MODELS, server.url("/v1")).timeout(Duration.ofMillis(300))
                .endpoint("e")).poll());

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.value(Metric.PROBE_HTTP_STATUS)).isEqualTo(200.0);
        assertThat(r.model()).isEqualTo("timed out after 300 ms (after HTTP 200 began)");
    }

    @Test
    void aRedirectIsFollowedAndSaid() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/healthz?token=abc").build());
        server.enqueue(json(200, "{}"));
        PollResult result = probe(Probes.of(Kind.HTTP, server.url("/health")).endpoint("e")).poll();

        Reading r = only(result);
        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(1.0);
        assertThat(r.model()).isEqualTo("200 OK · redirected to " + server.url("/healthz"))
                .doesNotContain("token");
        assertThat(result.requests()).isEqualTo(2);
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Reading r = only(probe(Probes.of(Kind.MODELS, "http://127.0.0.1:" + port + "/v1").endpoint("local")).poll());

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.model()).isEqualTo("connection refused");
        assertThat(r.has(Metric.PROBE_MS)).isFalse();
        assertThat(r.has(Metric.PROBE_HTTP_STATUS)).isFalse();
    }

    @Test
    void oneShotCheckForTheCommandLine() throws Exception {
        server.enqueue(json(200, OpenAiBodies.MODELS_3));

        Reading r = ProbeSources.probeOnce(Probes.of(Kind.MODELS, server.url("/v1")).endpoint("llama"),
                Clock.systemUTC(), Map.of());

        assertThat(r.key()).isEqualTo(TileKey.probe("llama"));
        assertThat(r.model()).isEqualTo("200 OK · 3 models");
    }

    @Test
    void endpointsWithoutProbeGetNoSource() {
        EndpointConfig unprobed = new EndpointConfig("bedrock", null, io.watchfloor.config.Provider.BEDROCK, null,
                "cw", Map.of("model", "anthropic.claude-3-haiku"), null, null, null, null);

        assertThat(ProbeSources.create(List.of(unprobed), new SourceContext(clock, Thresholds.DEFAULTS), ENV))
                .isEmpty();
    }

    @Test
    void probesShareOneConnectionPoolAndReuseConnections() throws Exception {
        server.enqueue(json(200, "{}"));
        server.enqueue(json(200, "{}"));
        Source s = probe(Probes.of(Kind.HTTP, server.url("/health")).endpoint("e"));

        s.poll();
        s.poll();

        server.takeRequest();
        assertThat(server.takeRequest().getConnectionIndex()).as("second poll on the first connection").isZero();
    }
}
