package io.watchfloor.sources.alertmanager;

import static io.watchfloor.sources.alertmanager.Captures.ACTIVE_SILENCED_INHIBITED;
import static io.watchfloor.sources.alertmanager.Captures.CAPTURED;
import static io.watchfloor.sources.alertmanager.Captures.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import io.watchfloor.config.Auth;
import io.watchfloor.config.ConfigLoader;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.Position;
import io.watchfloor.config.Secret;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.sources.HandClock;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceRegistry;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class AlertmanagerSourceProviderTest {
    static final Path FILE = Path.of("watchfloor.yaml");
    static final Position ENTRY = new Position(FILE, 3, 5);
    static final Position OPTION_AT = new Position(FILE, 7, 7);
    static final SourceContext CONTEXT = new SourceContext(new HandClock(CAPTURED), Thresholds.DEFAULTS);

    private final AlertmanagerSourceProvider provider = new AlertmanagerSourceProvider();

    static SourceConfig config(URI url, Auth auth, Map<String, Object> options, Path caFile) {
        return new SourceConfig("am", "alertmanager", Duration.ofSeconds(5), Duration.ofSeconds(3), url, auth,
                Map.of(), caFile, options, Map.of("receiver", OPTION_AT), ENTRY);
    }

    static SourceConfig config(URI url) {
        return config(url, Auth.NONE, Map.of(), null);
    }

    private List<String> messages(SourceConfig config) {
        return provider.validate(config).stream().map(ConfigProblem::message).toList();
    }

    @Test
    void theStandardRegistryKnowsTheType() {
        assertThat(provider.type()).isEqualTo("alertmanager");
        assertThat(SourceRegistry.standard().types()).contains("alertmanager");
    }

    /** The entry issue 4 documents, through the real config loader and the registry's checks. */
    @Test
    void theDocumentedEntryLoadsAndValidates() throws Exception {
        WatchfloorConfig config = ConfigLoader.parse("""
                sources:
                  - {id: am, type: alertmanager, url: http://127.0.0.1:9093, interval: 5s}
                """, FILE, Map.of());

        assertThat(SourceRegistry.standard().validate(config)).isEmpty();
        try (Source am = SourceRegistry.standard().create(config, CONTEXT).getFirst()) {
            assertThat(am).isInstanceOf(AlertmanagerSource.class);
            assertThat(am.id()).isEqualTo("am");
            assertThat(am.type()).isEqualTo("alertmanager");
            assertThat(am.interval()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void bearerBasicHeadersAndCaAreAccepted() {
        assertThat(provider.validate(config(URI.create("https://am.example/alertmanager"),
                new Auth.Bearer(new Secret("t0ken-value")), Map.of(), Captures.prometheusResource("tls/ca.pem"))))
                .isEmpty();
        assertThat(provider.validate(config(URI.create("http://am:9093"),
                new Auth.Basic("watchfloor", new Secret("pa55word")), Map.of(), null))).isEmpty();
    }

    @Test
    void urlIsRequired() {
        assertThat(provider.validate(config(null))).containsExactly(
                new ConfigProblem(ENTRY, "an alertmanager source needs a url, e.g. http://alertmanager:9093"));
    }

    @Test
    void urlMustBeAbsoluteHttpWithoutCredentials() {
        String expected = "url must be an absolute http:// or https:// URL, e.g. http://alertmanager:9093";
        assertThat(messages(config(URI.create("ftp://am:9093")))).containsExactly(expected);
        assertThat(messages(config(URI.create("am:9093/x")))).containsExactly(expected);
        assertThat(messages(config(URI.create("/alertmanager")))).containsExactly(expected);
        assertThat(messages(config(URI.create("https://u:p@am:9093"))))
                .containsExactly("put credentials under auth, not in the url");
    }

    @Test
    void unknownOptionIsReportedWhereItIsWritten() {
        assertThat(provider.validate(config(URI.create("http://am:9093"), Auth.NONE,
                Map.of("receiver", "oncall"), null))).containsExactly(new ConfigProblem(OPTION_AT,
                "unknown option 'receiver' for an alertmanager source; it takes only url, interval, timeout, auth,"
                        + " headers and caFile"));
    }

    @Test
    void googleAuthIsNotForAlertmanager() {
        assertThat(messages(config(URI.create("http://am:9093"), new Auth.Google(List.of(Auth.Google.CLOUD_PLATFORM)),
                Map.of(), null))).containsExactly("an alertmanager source takes auth {bearer: ...} or"
                + " {basic: {user: ..., password: ...}}, not type google");
    }

    /** Whether the file exists is the config loader's check; this one looks inside. */
    @Test
    void caFileMustHoldACertificate() {
        assertThat(messages(config(URI.create("https://am:9093"), Auth.NONE, Map.of(),
                Captures.prometheusResource("tls/README.md"))))
                .singleElement().asString().contains("no usable PEM certificate");
    }

    /** TLS is verified: an in-house CA is trusted only when configured as caFile. */
    @Test
    void httpsIsTrustedOnlyWithTheConfiguredCa() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.useHttps(serverTls().getSocketFactory());
            server.start();
            server.enqueue(answer(ACTIVE_SILENCED_INHIBITED));
            URI url = server.url("/").uri();

            try (Source trusted = provider.create(config(url, Auth.NONE, Map.of(),
                    Captures.prometheusResource("tls/ca.pem")), CONTEXT)) {
                PollResult r = trusted.poll();
                assertThat(r.alerts()).extracting(a -> a.state()).containsExactly(AlertState.INHIBITED,
                        AlertState.ACTIVE, AlertState.SILENCED);
                assertThat(server.takeRequest().getHandshake()).isNotNull();
            }
            try (Source untrusted = provider.create(config(url), CONTEXT)) {
                assertThatThrownBy(untrusted::poll).asInstanceOf(throwable(SourceException.class))
                        .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                        .hasMessageContaining("not trusted").hasMessageContaining("caFile");
            }
        }
    }

    @Test
    void theConfiguredTimeoutIsUsed() {
        try (Source am = provider.create(config(URI.create("http://am:9093")), CONTEXT)) {
            assertThat(((AlertmanagerSource) am).client().settings().timeout()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    /** The test CA's server certificate for localhost/127.0.0.1 (test/resources/prometheus/tls). */
    private static SSLContext serverTls() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Captures.prometheusResource("tls/server.p12"))) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
