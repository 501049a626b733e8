package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.Auth;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.Position;
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
                        "unknown option 'selctor' for a prometheus source; allowed: selector"));
    }

    @Test
    void selectorMustBeAString() {
        assertThat(provider.validate(config(URI.create("http://prometheus:9090"), Map.of("selector", List.of("a")), null)))
                .extracting(ConfigProblem::position).containsExactly(SELECTOR_AT);
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
