package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PrometheusGpuSource} against MockWebServer answering each DCGM query with a real capture. */
class PrometheusGpuSourceTest {
    static final SourceContext CONTEXT =
            new SourceContext(Clock.fixed(Instant.parse("2026-03-10T04:00:00Z"), ZoneOffset.UTC), Thresholds.DEFAULTS);
    static final String UTIL = "query-vector-DCGM_FI_DEV_GPU_UTIL-16xH100-eks.json";
    static final String POWER = "query-vector-DCGM_FI_DEV_POWER_USAGE-16xH100-eks.json";
    static final String EMPTY = "query-vector-empty-result.json";

    private MockWebServer server;
    private PrometheusGpuSource source;
    private final Queue<String> queries = new ConcurrentLinkedQueue<>();

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

    /** Answers by metric name (the query up to '{'); unknown metrics get the real empty vector. */
    private void answer(Function<String, MockResponse> byMetric) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String query = request.getUrl().queryParameter("query");
                queries.add(query);
                String metric = query.contains("{") ? query.substring(0, query.indexOf('{')) : query;
                MockResponse r = byMetric.apply(metric);
                return r != null ? r : PrometheusClientTest.fixture(EMPTY);
            }
        });
    }

    private static MockResponse realCaptures(String metric) {
        return switch (metric) {
            case "DCGM_FI_DEV_GPU_UTIL" -> PrometheusClientTest.fixture(UTIL);
            case "DCGM_FI_DEV_POWER_USAGE" -> PrometheusClientTest.fixture(POWER);
            default -> null;
        };
    }

    private PrometheusGpuSource source(String selector) {
        HttpSettings s = HttpSettings.of(server.url("/").uri()).withTimeout(Duration.ofSeconds(5));
        source = new PrometheusGpuSource("eks-prom", Duration.ofSeconds(15), new PrometheusClient(s), selector, CONTEXT);
        return source;
    }

    @Test
    void oneQueryPerMetricAndSixteenTilesOnTwoHosts() throws Exception {
        answer(PrometheusGpuSourceTest::realCaptures);

        PollResult r = source(null).poll();

        int fields = DcgmField.values().length;
        assertThat(server.getRequestCount()).isEqualTo(fields);
        assertThat(r.requests()).isEqualTo(fields);
        assertThat(queries).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(DcgmField.values()).map(DcgmField::metricName).toList());
        assertThat(r.warnings()).isEmpty();
        assertThat(r.readings()).hasSize(16);
        assertThat(r.readings()).extracting(x -> x.key().host()).containsOnly("gpu-node-1", "gpu-node-2");
        assertThat(r.readings()).filteredOn(x -> x.key().host().equals("gpu-node-2")).hasSize(8);
        assertThat(r.readings()).allSatisfy(x -> {
            assertThat(x.value(Metric.UTIL_PCT)).isZero();
            assertThat(x.model()).isEqualTo("NVIDIA H100 80GB HBM3");
            assertThat(x.sourceId()).isEqualTo("eks-prom");
            // POWER's evaluation time (…089.943) is newer than UTIL's (…089.184)
            assertThat(x.sampledAt()).isEqualTo(Instant.ofEpochMilli(1773114089943L));
            assertThat(x.has(Metric.MEM_USED_MIB)).isFalse();
            assertThat(x.flags()).isEmpty();
        });
        Reading first = r.readings().get(0);
        assertThat(first.tileId()).isEqualTo("gpu-node-1/gpu0");
        assertThat(first.key().uuid()).isEqualTo("GPU-c4529c8d-69c4-b61d-e0bc-7b2460096005");
        assertThat(first.value(Metric.POWER_W)).isEqualTo(113.611);
        assertThat(r.readings().get(15).tileId()).isEqualTo("gpu-node-2/gpu7");
        assertThat(r.readings().get(15).value(Metric.POWER_W)).isEqualTo(69.523);
    }

    @Test
    void selectorIsAppendedToEveryMetric() throws Exception {
        answer(PrometheusGpuSourceTest::realCaptures);

        source("{namespace=\"gpu-operator\"} ").poll();

        assertThat(queries).hasSize(DcgmField.values().length)
                .allSatisfy(q -> assertThat(q).endsWith("{namespace=\"gpu-operator\"}"))
                .contains("DCGM_FI_DEV_GPU_UTIL{namespace=\"gpu-operator\"}");
    }

    @Test
    void partialFailureGivesReadingsAndWarnings() throws Exception {
        answer(metric -> switch (metric) {
            case "DCGM_FI_DEV_FB_USED" ->
                    PrometheusClientTest.json(400, Fixtures.prometheusApi("prom2.42-error-400-bad_data-parse-error.json"));
            case "DCGM_FI_DEV_XID_ERRORS" -> new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build();
            default -> realCaptures(metric);
        });

        PollResult r = source(null).poll();

        assertThat(r.readings()).hasSize(16);
        assertThat(r.requests()).isEqualTo(DcgmField.values().length);
        assertThat(r.warnings()).containsExactly(
                "DCGM_FI_DEV_FB_USED: bad_data: invalid parameter \"query\": 1:7: parse error: unclosed left parenthesis",
                "DCGM_FI_DEV_XID_ERRORS: HTTP 502 from " + server.getHostName() + ":" + server.getPort() + ": Bad Gateway");
    }

    @Test
    void serverWarningsAreCollectedOnce() throws Exception {
        String empty = Fixtures.prometheusApi(EMPTY);
        answer(metric -> metric.equals("DCGM_FI_DEV_GPU_UTIL") ? PrometheusClientTest.fixture(UTIL)
                : PrometheusClientTest.json(200, empty.replaceFirst("\\{", "{\"warnings\":[\"store b: partial\"],")));

        PollResult r = source(null).poll();

        assertThat(r.readings()).hasSize(16);
        assertThat(r.warnings()).containsExactly("Prometheus warning: store b: partial");
    }

    @Test
    void allFailingThrowsTheMostTellingError() {
        AtomicInteger n = new AtomicInteger();
        answer(metric -> n.incrementAndGet() % 2 == 0
                ? new MockResponse.Builder().code(401).build()
                : new MockResponse.Builder().code(503).body("unavailable").build());

        assertThatThrownBy(() -> source(null).poll())
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
                .hasMessage("authentication failed (HTTP 401)");
    }

    @Test
    void badSelectorFailsEveryQueryWithThePrometheusMessage() {
        answer(metric -> PrometheusClientTest.json(400,
                Fixtures.prometheusApi("prom2.42-error-400-bad_data-parse-error.json")));

        assertThatThrownBy(() -> source("namespace=\"gpu\"(").poll())
                .asInstanceOf(throwable(PrometheusQueryException.class))
                .satisfies(e -> assertThat(e.errorType()).isEqualTo("bad_data"));
    }

    @Test
    void nothingFoundIsAWarningNotAnError() throws Exception {
        answer(metric -> null);

        PollResult r = source("cluster=\"b\"").poll();

        assertThat(r.readings()).isEmpty();
        assertThat(r.warnings()).containsExactly("no dcgm-exporter GPU series found for {cluster=\"b\"}");
    }

    /** All queries of a poll are in flight together: each answer waits until a second request has arrived. */
    @Test
    void queriesRunConcurrently() throws Exception {
        CountDownLatch two = new CountDownLatch(2);
        Map<String, Boolean> sawCompany = new ConcurrentHashMap<>();
        answer(metric -> {
            two.countDown();
            try {
                sawCompany.put(metric, two.await(3, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return realCaptures(metric);
        });

        PollResult r = source(null).poll();

        assertThat(r.readings()).hasSize(16);
        assertThat(sawCompany.values()).containsOnly(true);
    }

    @Test
    void identity() {
        PrometheusGpuSource s = source(null);
        assertThat(s.id()).isEqualTo("eks-prom");
        assertThat(s.type()).isEqualTo("prometheus");
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.queryFor(DcgmField.FB_FREE)).isEqualTo("DCGM_FI_DEV_FB_FREE");
        assertThat(List.of(DcgmField.values())).hasSize(13);
    }
}
