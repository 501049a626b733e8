package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.TileKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LLM endpoints read through a prometheus source, against MockWebServer serving what a real Prometheus 2.42
 * answered to exactly these queries (resources/prometheus/endpoints, README there has the hand-worked figures).
 */
class PrometheusEndpointsTest {
    private static final Instant NOW = EndpointScenario.EVALUATED_AT.plusSeconds(30);

    private MockWebServer server;
    private PrometheusGpuSource source;
    private final CapturedAnswers captured = new CapturedAnswers();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    private PrometheusGpuSource source(List<EndpointConfig> endpoints, boolean gpus) {
        HttpSettings s = HttpSettings.of(server.url("/").uri()).withTimeout(Duration.ofSeconds(5));
        source = new PrometheusGpuSource(EndpointScenario.SOURCE, Duration.ofSeconds(30), new PrometheusClient(s), null,
                gpus, EndpointScenario.context(NOW, endpoints));
        return source;
    }

    private static Map<String, Reading> byEndpoint(PollResult r) {
        return r.readings().stream().collect(Collectors.toMap(x -> x.key().host(), Function.identity()));
    }

    @Test
    void oneQueryPerSignalForAllEndpointsAndOneReadingEach() throws Exception {
        server.setDispatcher(captured);
        PrometheusGpuSource s = source(EndpointScenario.fleet(), false);

        PollResult r = s.poll();

        List<String> planned = s.endpoints().batches().stream().map(EndpointQueries.Batch::promql).toList();
        assertThat(captured.unknown).isEmpty();
        assertThat(captured.asked).containsExactlyInAnyOrderElementsOf(planned);
        // 9 vLLM + 8 TGI + 3 Vertex + 2 probe signals; vLLM and Vertex batches cover two endpoints each
        assertThat(r.requests()).isEqualTo(22).isEqualTo(server.getRequestCount());
        assertThat(r.warnings()).isEmpty();
        assertThat(r.readings()).extracting(Reading::tileId).containsExactly("endpoint:llama-a",
                "endpoint:mistral-old", "endpoint:falcon-tgi", "endpoint:gemma-vertex", "endpoint:idle-vertex",
                "endpoint:llama-a-health", "endpoint:custom-up");
        assertThat(r.readings()).allSatisfy(x -> {
            assertThat(x.key().kind()).isEqualTo(TileKind.ENDPOINT);
            assertThat(x.sourceId()).isEqualTo("prom-llm");
            assertThat(x.flags()).isEmpty();
        });
    }

    @Test
    void vllmV1WithGroupedStatusCodes() throws Exception {
        server.setDispatcher(captured);
        Reading llama = byEndpoint(source(EndpointScenario.fleet(), false).poll()).get("llama-a");

        assertThat(llama.model()).isEqualTo("openai-compatible http://10.0.0.5:8000/v1");
        assertThat(llama.sampledAt()).isEqualTo(EndpointScenario.EVALUATED_AT);
        assertThat(llama.value(Metric.REQUESTS_RUNNING)).isEqualTo(3.0);
        assertThat(llama.value(Metric.REQUESTS_WAITING)).isEqualTo(1.0);
        assertThat(llama.value(Metric.KV_CACHE_PCT)).isCloseTo(42.0, within(1e-9));
        assertThat(llama.value(Metric.P50_MS)).isCloseTo(500.0, within(1e-9));
        assertThat(llama.value(Metric.P95_MS)).isCloseTo(2250.0, within(1e-9));
        assertThat(llama.value(Metric.TOKENS_IN_PM)).isCloseTo(3000.0, within(1e-9));
        assertThat(llama.value(Metric.TOKENS_OUT_PM)).isCloseTo(1200.0, within(1e-9));
        // POSTs only (GET /v1/models is in the data and must not count): 18 + 1.5 + 0.5 per 15 s
        assertThat(llama.value(Metric.REQUESTS_PM)).isCloseTo(80.0, within(1e-9));
        assertThat(llama.value(Metric.CLIENT_ERROR_PCT)).isCloseTo(7.5, within(1e-9));
        assertThat(llama.value(Metric.SERVER_ERROR_PCT)).isCloseTo(2.5, within(1e-9));
        assertThat(llama.value(Metric.ERROR_PCT)).isCloseTo(10.0, within(1e-9));
        // "4xx" hides whether any were 429: no throttle figure rather than a made-up 0
        assertThat(llama.has(Metric.THROTTLE_PCT)).isFalse();
        assertThat(llama.has(Metric.AVAILABILITY_PCT)).isFalse();
        assertThat(llama.has(Metric.AVG_MS)).isFalse();
    }

    @Test
    void idleOldVllmHasNoLatencyButZeroTraffic() throws Exception {
        server.setDispatcher(captured);
        Reading old = byEndpoint(source(EndpointScenario.fleet(), false).poll()).get("mistral-old");

        assertThat(old.metrics()).containsOnlyKeys(Metric.REQUESTS_RUNNING, Metric.REQUESTS_WAITING,
                Metric.KV_CACHE_PCT, Metric.TOKENS_IN_PM, Metric.TOKENS_OUT_PM, Metric.REQUESTS_PM);
        assertThat(old.value(Metric.KV_CACHE_PCT)).isCloseTo(10.0, within(1e-9)); // gpu_cache_usage_perc
        assertThat(old.value(Metric.REQUESTS_PM)).isZero(); // request_success_total, no HTTP counter
        assertThat(old.value(Metric.REQUESTS_RUNNING)).isZero();
    }

    @Test
    void tgiFailuresSplitByKind() throws Exception {
        server.setDispatcher(captured);
        Reading tgi = byEndpoint(source(EndpointScenario.fleet(), false).poll()).get("falcon-tgi");

        assertThat(tgi.value(Metric.REQUESTS_RUNNING)).isEqualTo(4.0);
        assertThat(tgi.value(Metric.REQUESTS_WAITING)).isEqualTo(2.0);
        assertThat(tgi.value(Metric.REQUESTS_PM)).isCloseTo(40.0, within(1e-9));
        assertThat(tgi.value(Metric.CLIENT_ERROR_PCT)).isCloseTo(5.0, within(1e-9));
        assertThat(tgi.value(Metric.THROTTLE_PCT)).isCloseTo(10.0, within(1e-9));
        assertThat(tgi.value(Metric.SERVER_ERROR_PCT)).isCloseTo(2.5, within(1e-9)); // "dropped" not counted
        assertThat(tgi.value(Metric.ERROR_PCT)).isCloseTo(7.5, within(1e-9));
        assertThat(tgi.value(Metric.P50_MS)).isCloseTo(875.0, within(1e-9));
        assertThat(tgi.value(Metric.P95_MS)).isCloseTo(3000.0, within(1e-9));
        assertThat(tgi.value(Metric.TOKENS_IN_PM)).isCloseTo(6000.0, within(1e-9));
        assertThat(tgi.value(Metric.TOKENS_OUT_PM)).isCloseTo(2400.0, within(1e-9));
        assertThat(tgi.has(Metric.KV_CACHE_PCT)).isFalse();
    }

    @Test
    void vertexResponseCodesAndLatencyDistribution() throws Exception {
        server.setDispatcher(captured);
        Map<String, Reading> r = byEndpoint(source(EndpointScenario.fleet(), false).poll());
        Reading gemma = r.get("gemma-vertex");

        assertThat(gemma.model()).isEqualTo("vertex 1234567890");
        assertThat(gemma.value(Metric.REQUESTS_PM)).isCloseTo(100.0, within(1e-9));
        assertThat(gemma.value(Metric.THROTTLE_PCT)).isCloseTo(3.0, within(1e-9));
        assertThat(gemma.value(Metric.SERVER_ERROR_PCT)).isCloseTo(2.0, within(1e-9));
        assertThat(gemma.value(Metric.CLIENT_ERROR_PCT)).isCloseTo(0.0, within(1e-9));
        assertThat(gemma.value(Metric.ERROR_PCT)).isCloseTo(2.0, within(1e-9));
        // milliseconds already; latency_type="total" only (the "model" series would give 150 ms)
        assertThat(gemma.value(Metric.P50_MS)).isCloseTo(200.0, within(1e-6));
        assertThat(gemma.value(Metric.P95_MS)).isCloseTo(500.0, within(1e-6));
        assertThat(gemma.has(Metric.TOKENS_IN_PM)).isFalse();

        // no traffic: Cloud Monitoring has no points, the reading is fresh and empty, and that is not a warning
        Reading idle = r.get("idle-vertex");
        assertThat(idle.metrics()).isEmpty();
        assertThat(idle.sampledAt()).isEqualTo(NOW);
    }

    @Test
    void blackboxAvailabilityAndPlainTargetUp() throws Exception {
        server.setDispatcher(captured);
        Map<String, Reading> r = byEndpoint(source(EndpointScenario.fleet(), false).poll());

        assertThat(r.get("llama-a-health").metrics()).containsOnlyKeys(Metric.AVAILABILITY_PCT, Metric.AVG_MS);
        assertThat(r.get("llama-a-health").value(Metric.AVAILABILITY_PCT)).isCloseTo(50.0, within(1e-9));
        assertThat(r.get("llama-a-health").value(Metric.AVG_MS)).isCloseTo(100.0, within(1e-9));
        assertThat(r.get("custom-up").metrics()).containsOnlyKeys(Metric.AVAILABILITY_PCT);
        assertThat(r.get("custom-up").value(Metric.AVAILABILITY_PCT)).isEqualTo(100.0);
    }

    /** The server rejects the batch for one endpoint's regex; the others are asked alone and still get read. */
    @Test
    void rejectedBatchIsAskedAgainPerEndpoint() throws Exception {
        server.setDispatcher(captured);

        PollResult r = source(EndpointScenario.probesWithATypo(), false).poll();

        assertThat(captured.unknown).isEmpty();
        assertThat(r.requests()).isEqualTo(2 + 6);
        assertThat(r.readings()).extracting(x -> x.key().host()).containsExactly("llama-a-health", "custom-up");
        assertThat(byEndpoint(r).get("llama-a-health").value(Metric.AVAILABILITY_PCT)).isCloseTo(50.0, within(1e-9));
        assertThat(byEndpoint(r).get("custom-up").value(Metric.AVAILABILITY_PCT)).isEqualTo(100.0);
        assertThat(r.warnings()).containsExactly(
                "probe availability for typo: bad_data: invalid parameter \"query\": 1:33: parse error: "
                        + "error parsing regexp: missing closing ): `^(?:vllm()$`",
                "probe duration for typo: bad_data: invalid parameter \"query\": 1:42: parse error: "
                        + "error parsing regexp: missing closing ): `^(?:vllm()$`");
    }

    @Test
    void failedSignalIsAWarningAndTheRestIsRead() throws Exception {
        String p95 = EndpointScenario.fleet().stream().filter(e -> e.id().equals("falcon-tgi")).findFirst()
                .map(e -> new EndpointQueries("x", List.of(e), java.time.Clock.systemUTC()).batches().stream()
                        .filter(b -> b.signal() == EndpointSignal.TGI_P95).findFirst().orElseThrow().promql())
                .orElseThrow();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return p95.equals(request.getUrl().queryParameter("query"))
                        ? new MockResponse.Builder().code(503).body("<html>upstream connect error</html>").build()
                        : captured.dispatch(request);
            }
        });

        PollResult r = source(EndpointScenario.fleet(), false).poll();

        Reading tgi = byEndpoint(r).get("falcon-tgi");
        assertThat(tgi.has(Metric.P95_MS)).isFalse();
        assertThat(tgi.value(Metric.P50_MS)).isCloseTo(875.0, within(1e-9));
        assertThat(r.readings()).hasSize(7);
        assertThat(r.warnings()).containsExactly("TGI p95 latency for falcon-tgi: HTTP 503 from "
                + server.getHostName() + ":" + server.getPort() + ": upstream connect error");
    }

    @Test
    void endpointWhoseEveryQueryFailedHasNoReading() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getUrl().queryParameter("query").contains("tgi_")
                        ? new MockResponse.Builder().code(502).build() : captured.dispatch(request);
            }
        });

        PollResult r = source(EndpointScenario.fleet(), false).poll();

        // its tile goes stale with its last reading instead of turning into a fresh empty one
        assertThat(byEndpoint(r)).doesNotContainKey("falcon-tgi").containsKey("llama-a");
        assertThat(r.warnings()).hasSize(8).allSatisfy(w -> assertThat(w).startsWith("TGI ").contains("HTTP 502"));
    }

    @Test
    void everyQueryFailingFailsThePollWithTheMostTellingError() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getUrl().queryParameter("query").contains("vllm:num_requests_waiting")
                        ? new MockResponse.Builder().code(401).build()
                        : new MockResponse.Builder().code(503).body("unavailable").build();
            }
        });

        assertThatThrownBy(() -> source(EndpointScenario.fleet(), false).poll())
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
    }

    @Test
    void selectorMatchingNothingIsAWarning() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return PrometheusClientTest.fixture("query-vector-empty-result.json");
            }
        });
        List<EndpointConfig> one = List.of(EndpointScenario.openAi("llama-b", "http://10.0.0.8:8000/v1",
                "{job=\"vllm\",instance=\"10.0.0.8:8000\"}", null));

        PollResult r = source(one, false).poll();

        assertThat(r.readings()).singleElement().satisfies(x -> assertThat(x.metrics()).isEmpty());
        assertThat(r.warnings()).containsExactly(
                "no vLLM series found for endpoint 'llama-b' with {job=\"vllm\",instance=\"10.0.0.8:8000\"}");
    }

    @Test
    void gpusAndEndpointsInOnePoll() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String q = request.getUrl().queryParameter("query");
                if (q.equals("DCGM_FI_DEV_GPU_UTIL")) {
                    return PrometheusClientTest.fixture(PrometheusGpuSourceTest.UTIL);
                }
                return q.startsWith("DCGM_") ? PrometheusClientTest.fixture(PrometheusGpuSourceTest.EMPTY)
                        : captured.dispatch(request);
            }
        });

        PollResult r = source(EndpointScenario.fleet(), true).poll();

        assertThat(r.requests()).isEqualTo(DcgmField.values().length + 22);
        assertThat(r.readings()).filteredOn(x -> x.key().kind() == TileKind.GPU).hasSize(16);
        assertThat(r.readings()).filteredOn(x -> x.key().kind() == TileKind.ENDPOINT).hasSize(7);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void gpusFalseAsksNoDcgmQuery() throws Exception {
        server.setDispatcher(captured);

        source(EndpointScenario.fleet(), false).poll();

        assertThat(captured.asked).noneMatch(q -> q.contains("DCGM_"));
    }

    @Test
    void noGpusAndNoEndpointsPollsNothing() throws Exception {
        PollResult r = source(List.of(), false).poll();

        assertThat(server.getRequestCount()).isZero();
        assertThat(r.requests()).isZero();
        assertThat(r.warnings()).containsExactly("nothing to poll: gpus is false and no endpoint names source 'prom-llm'");
    }

    @Test
    void gpuHintWhenTheServerHoldsOnlyEndpoints() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getUrl().queryParameter("query").startsWith("DCGM_")
                        ? PrometheusClientTest.fixture(PrometheusGpuSourceTest.EMPTY) : captured.dispatch(request);
            }
        });

        PollResult r = source(EndpointScenario.fleet(), true).poll();

        assertThat(r.warnings()).containsExactly(
                "no dcgm-exporter GPU series found; set gpus: false if this server holds no GPU metrics");
    }
}
