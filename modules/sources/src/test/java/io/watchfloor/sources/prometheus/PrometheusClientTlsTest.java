package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** caFile: a server signed by an in-house CA is trusted only when that CA is configured (test/resources/prometheus/tls). */
class PrometheusClientTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private MockWebServer server;
    private PrometheusClient client;

    @BeforeEach
    void startHttps() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Fixtures.resourcePath("tls/server.p12"))) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = new MockWebServer();
        server.useHttps(ctx.getSocketFactory());
        server.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private HttpSettings settings() {
        return HttpSettings.of(server.url("/").uri()).withTimeout(Duration.ofSeconds(5));
    }

    @Test
    void trustedWithTheConfiguredCa() throws Exception {
        server.enqueue(PrometheusClientTest.fixture("prom2.42-query-vector-up-with-down-target.json"));
        client = new PrometheusClient(settings().withCaFile(Fixtures.resourcePath("tls/ca.pem")));

        QueryResult r = client.query("up", null);

        assertThat(((QueryResult.Vector) r).samples()).hasSize(3);
        assertThat(server.takeRequest().getHandshake()).isNotNull();
    }

    @Test
    void refusedWithoutIt() {
        server.enqueue(PrometheusClientTest.fixture("prom2.42-query-vector-up-with-down-target.json"));
        client = new PrometheusClient(settings());

        assertThatThrownBy(() -> client.query("up", null))
                .asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                .hasMessageContaining("not trusted").hasMessageContaining("caFile");
    }

    @Test
    void unusableCaFileIsRejectedUpFront() {
        assertThatThrownBy(() -> new PrometheusClient(settings().withCaFile(Fixtures.resourcePath("tls/README.md"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot use CA file");
    }
}
