package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.Auth;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.Position;
import io.watchfloor.config.Provider;
import io.watchfloor.config.Secret;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Source;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class PrometheusSourceProviderTest {
    static final Path FILE = Path.of("watchfloor.yaml");
    static final Position ENTRY = new Position(FILE, 12, 5);
    static final Position SELECTOR_AT = new Position(FILE, 17, 7);
    static final Position TYPO_AT = new Position(FILE, 18, 7);
    static final Position GPUS_AT = new Position(FILE, 19, 7);

    private final PrometheusSourceProvider provider = new PrometheusSourceProvider();

    static SourceConfig config(URI url, Map<String, Object> options, Path caFile) {
        return new SourceConfig("prom-a", "prometheus", Duration.ofSeconds(15), Duration.ofSeconds(3), url,
                new Auth.Bearer(new Secret("tok-123456")), Map.of("X-Scope-OrgID", "gpu-team"), caFile, options,
                Map.of("selector", SELECTOR_AT, "selctor", TYPO_AT), ENTRY);
    }

    @Test
    void type() {
        assertThat(provider.type()).isEqualTo("prometheus");
    }

    @Test
    void validEntryHasNoProblems() {
        assertThat(provider.validate(config(URI.create("https://mimir.example/prometheus"),
                Map.of("selector", "cluster=\"a\""), Fixtures.resourcePath("tls/ca.pem")))).isEmpty();
    }

    @Test
    void urlIsRequired() {
        assertThat(provider.validate(config(null, Map.of(), null)))
                .containsExactly(new ConfigProblem(ENTRY,
                        "a prometheus source needs a url, e.g. http://prometheus:9090"));
    }

    @Test
    void urlMustBeAbsoluteHttp() {
        assertThat(provider.validate(config(URI.create("ftp://prometheus:9090"), Map.of(), null)))
                .extracting(ConfigProblem::message).containsExactly("url must be an absolute http:// or https:// URL");
        assertThat(provider.validate(config(URI.create("prometheus:9090/x"), Map.of(), null))).hasSize(1);
        assertThat(provider.validate(config(URI.create("/prometheus"), Map.of(), null))).hasSize(1);
        assertThat(provider.validate(config(URI.create("https://u:p@prometheus"), Map.of(), null)))
                .extracting(ConfigProblem::message).allSatisfy(m -> assertThat(m).contains("credentials"));
    }

    @Test
    void unknownOptionIsReportedWhereItIsWrittenWithTheAllowedKeys() {
        assertThat(provider.validate(config(URI.create("http://prometheus:9090"), Map.of("selctor", "x"), null)))
                .containsExactly(new ConfigProblem(TYPO_AT,
                        "unknown option 'selctor' for a prometheus source; allowed: gpus, selector"));
    }

    @Test
    void selectorMustBeAString() {
        assertThat(provider.validate(config(URI.create("http://prometheus:9090"), Map.of("selector", List.of("a")), null)))
                .extracting(ConfigProblem::position).containsExactly(SELECTOR_AT);
    }

    @Test
    void gpusMustBeABoolean() {
        SourceConfig cfg = new SourceConfig("prom-a", "prometheus", null, null, URI.create("http://p:9090"),
                Auth.NONE, Map.of(), null, Map.of("gpus", "no"), Map.of("gpus", GPUS_AT), ENTRY);

        assertThat(provider.validate(cfg)).containsExactly(new ConfigProblem(GPUS_AT, "option 'gpus' must be true or"
                + " false (false: this server holds no dcgm-exporter metrics, only endpoint metrics)"));
        assertThat(provider.validate(withGpus(false))).isEmpty();
    }

    private static SourceConfig withGpus(boolean gpus) {
        return new SourceConfig(EndpointScenario.SOURCE, "prometheus", null, null,
                URI.create("https://monitoring.googleapis.com/v1/projects/my-project/location/global/prometheus"),
                new Auth.Google(List.of()), Map.of(), null, Map.of("gpus", gpus), Map.of("gpus", GPUS_AT), ENTRY);
    }

    @Test
    void gpusFalseWithoutEndpointsWouldPollNothing() {
        assertThat(provider.validateEndpoints(withGpus(false), List.of())).containsExactly(new ConfigProblem(GPUS_AT,
                "source 'prom-llm' has gpus: false and no endpoint names it (source: prom-llm): it would poll nothing"));
        assertThat(provider.validateEndpoints(withGpus(true), List.of())).isEmpty();
        assertThat(provider.validateEndpoints(withGpus(false), EndpointScenario.fleet())).isEmpty();
    }

    @Test
    void endpointProblemsAreReportedWhereTheEndpointIsWritten() {
        EndpointConfig badSelector = EndpointScenario.prometheus("vllm-b", "job=vllm");
        EndpointConfig badServer = EndpointScenario.openAi("triton-a", "http://t:8000/v1", null, "triton");
        EndpointConfig bedrock = new EndpointConfig("claude", null, Provider.BEDROCK, null, EndpointScenario.SOURCE,
                Map.of("model", "anthropic.claude-3-haiku"), null, null, null, new Position(FILE, 60, 5));

        assertThat(provider.validateEndpoints(withGpus(false), List.of(badSelector, badServer, bedrock))).containsExactly(
                new ConfigProblem(badSelector.position(), "endpoint 'vllm-b': selector must be PromQL label matchers,"
                        + " e.g. {job=\"vllm\",instance=\"10.0.0.5:8000\"}"),
                new ConfigProblem(badServer.position(), "endpoint 'triton-a': server 'triton' is not known;"
                        + " expected vllm or tgi"),
                new ConfigProblem(new Position(FILE, 60, 5), "endpoint 'claude' is a bedrock endpoint, which a"
                        + " cloudwatch source reads, not a prometheus source"));
    }

    /** Google Managed Prometheus for Vertex only: no DCGM query is sent, the endpoints are. */
    @Test
    void createdSourceHonoursGpusFalse() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new CapturedAnswers());
            server.start();
            SourceConfig cfg = new SourceConfig(EndpointScenario.SOURCE, "prometheus", null, null,
                    server.url("/").uri(), Auth.NONE, Map.of(), null, Map.of("gpus", false), Map.of(), ENTRY);
            List<EndpointConfig> vertex = EndpointScenario.fleet().stream()
                    .filter(e -> e.provider() == Provider.VERTEX).toList();
            try (Source source = provider.create(cfg, EndpointScenario.context(EndpointScenario.EVALUATED_AT, vertex))) {
                PollResult r = source.poll();

                assertThat(r.requests()).isEqualTo(3).isEqualTo(server.getRequestCount());
                assertThat(r.readings()).extracting(x -> x.key().host()).containsExactly("gemma-vertex", "idle-vertex");
                assertThat(r.warnings()).isEmpty();
            }
        }
    }

    /** Whether the file exists is the config loader's check; this one looks inside. */
    @Test
    void caFileMustHoldACertificate() {
        assertThat(provider.validate(config(URI.create("https://prometheus"), Map.of(),
                Fixtures.resourcePath("tls/README.md"))))
                .extracting(ConfigProblem::message).singleElement().asString().contains("no usable PEM certificate");
    }

    /** From config to requests on the wire: auth, tenant header, selector and timeout all arrive. */
    @Test
    void createdSourcePollsWithTheConfiguredSettings() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            for (int i = 0; i < DcgmField.values().length; i++) {
                server.enqueue(PrometheusClientTest.fixture("query-vector-empty-result.json"));
            }
            SourceConfig cfg = config(server.url("/prom").uri(), Map.of("selector", "cluster=\"a\""), null);
            try (Source source = provider.create(cfg, PrometheusGpuSourceTest.CONTEXT)) {
                assertThat(source).isInstanceOf(PrometheusGpuSource.class);
                assertThat(source.id()).isEqualTo("prom-a");
                assertThat(source.interval()).isEqualTo(Duration.ofSeconds(15));
                assertThat(((PrometheusGpuSource) source).queryFor(DcgmField.GPU_UTIL))
                        .isEqualTo("DCGM_FI_DEV_GPU_UTIL{cluster=\"a\"}");
                assertThat(((PrometheusGpuSource) source).client().settings().timeout()).isEqualTo(Duration.ofSeconds(3));

                PollResult r = source.poll();

                assertThat(r.requests()).isEqualTo(DcgmField.values().length);
                RecordedRequest req = server.takeRequest();
                assertThat(req.getUrl().encodedPath()).isEqualTo("/prom/api/v1/query");
                assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer tok-123456");
                assertThat(req.getHeaders().get("X-Scope-OrgID")).isEqualTo("gpu-team");
            }
        }
    }
}
