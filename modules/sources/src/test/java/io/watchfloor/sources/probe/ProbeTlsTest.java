package io.watchfloor.sources.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import io.watchfloor.config.ProbeConfig.Kind;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes against a local HTTPS server with certificates made for each case (okhttp-tls). The clock is the real
 * one: the JDK checks validity against it, and days left must agree with what the JDK decided.
 */
class ProbeTlsTest {
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final HeldCertificate CA = new HeldCertificate.Builder()
            .commonName("Watchfloor Test CA").certificateAuthority(0).ecdsa256().build();

    @TempDir
    Path dir;

    private final List<Source> opened = new ArrayList<>();
    private MockWebServer server;

    @AfterEach
    void stop() {
        opened.forEach(Source::close);
        if (server != null) {
            server.close();
        }
    }

    /** A certificate for {@code names}, valid from {@code fromMs} to {@code toMs} (epoch millis). */
    private static HeldCertificate leaf(HeldCertificate signer, long fromMs, long toMs, String... names) {
        HeldCertificate.Builder b = new HeldCertificate.Builder().commonName(names[0]).ecdsa256()
                .validityInterval(fromMs, toMs);
        for (String n : names) {
            b.addSubjectAlternativeName(n);
        }
        if (signer != null) {
            b.signedBy(signer);
        }
        return b.build();
    }

    /** Serves HTTPS on 127.0.0.1 with this certificate (and the CA in its chain when signed by it). */
    private HttpUrl serve(HeldCertificate cert, boolean signedByCa) throws IOException {
        HandshakeCertificates.Builder hc = new HandshakeCertificates.Builder();
        if (signedByCa) {
            hc.heldCertificate(cert, CA.certificate());
        } else {
            hc.heldCertificate(cert);
        }
        server = new MockWebServer();
        server.useHttps(hc.build().sslSocketFactory());
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(OpenAiBodies.MODELS_3).build());
        return HttpUrl.get("https://127.0.0.1:" + server.getPort() + "/v1");
    }

    private Path pem(HeldCertificate cert) throws IOException {
        Path p = dir.resolve("ca-" + System.nanoTime() + ".pem");
        Files.writeString(p, cert.certificatePem());
        return p;
    }

    private Reading poll(Probes probe) throws SourceException {
        List<Source> sources = ProbeSources.create(List.of(probe.endpoint("llama")),
                new SourceContext(Clock.systemUTC(), Thresholds.DEFAULTS), Map.of());
        opened.addAll(sources);
        return sources.get(0).poll().readings().get(0);
    }

    @Test
    void aValidCertificateTrustedThroughCaFile() throws Exception {
        long now = System.currentTimeMillis();
        HttpUrl url = serve(leaf(CA, now - HOUR_MS, now + 90 * DAY_MS, "127.0.0.1"), true);

        Reading r = poll(Probes.of(Kind.MODELS, url).caFile(pem(CA)));

        assertThat(r.model()).isEqualTo("200 OK · 3 models");
        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(1.0);
        assertThat(r.value(Metric.TLS_DAYS_LEFT)).isCloseTo(90.0, within(0.01));
        assertThat(server.takeRequest().getHandshake()).isNotNull();
    }

    @Test
    void http2IsNegotiatedWhenOffered() throws Exception {
        long now = System.currentTimeMillis();
        HttpUrl url = serve(leaf(CA, now - HOUR_MS, now + 90 * DAY_MS, "127.0.0.1"), true);
        server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));

        Reading r = poll(Probes.of(Kind.MODELS, url).caFile(pem(CA)));

        assertThat(r.model()).as("h2 has no reason phrase; ours is the standard one").isEqualTo("200 OK · 3 models");
        assertThat(server.takeRequest().getVersion()).isEqualTo("HTTP/2");
    }

    @Test
    void aCertificateExpiringInTwoDaysIsStillUp() throws Exception {
        long now = System.currentTimeMillis();
        HttpUrl url = serve(leaf(CA, now - 88 * DAY_MS, now + 2 * DAY_MS, "127.0.0.1"), true);

        Reading r = poll(Probes.of(Kind.MODELS, url).caFile(pem(CA)));

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(1.0);
        assertThat(r.value(Metric.TLS_DAYS_LEFT)).isCloseTo(2.0, within(0.01));
    }

    @Test
    void anExpiredCertificateIsDownWithHowLongAgo() throws Exception {
        long now = System.currentTimeMillis();
        HttpUrl url = serve(leaf(CA, now - 92 * DAY_MS, now - 2 * DAY_MS - HOUR_MS, "127.0.0.1"), true);

        Reading r = poll(Probes.of(Kind.MODELS, url).caFile(pem(CA)));

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.model()).isEqualTo("TLS: certificate expired 2 d ago");
        assertThat(r.value(Metric.TLS_DAYS_LEFT)).isCloseTo(-2.04, within(0.01));
        assertThat(r.has(Metric.PROBE_HTTP_STATUS)).isFalse();
    }

    @Test
    void anExpiredCertificateTrustedDirectlyIsStillDown() throws Exception {
        // the JDK accepts a trust anchor without checking its dates; clients going through a CA would not
        long now = System.currentTimeMillis();
        HeldCertificate selfSigned = leaf(null, now - 30 * DAY_MS, now - 3 * DAY_MS - HOUR_MS, "127.0.0.1");
        HttpUrl url = serve(selfSigned, false);

        Reading r = poll(Probes.of(Kind.MODELS, url).caFile(pem(selfSigned)));

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.model()).isEqualTo("TLS: certificate expired 3 d ago");
        assertThat(r.value(Metric.TLS_DAYS_LEFT)).isNegative();
    }

    @Test
    void aCertificateForAnotherHostIsDown() throws Exception {
        long now = System.currentTimeMillis();
        HttpUrl url = serve(leaf(CA, now - HOUR_MS, now + 30 * DAY_MS, "other.example"), true);

        Reading r = poll(Probes.of(Kind.MODELS, url).caFile(pem(CA)));

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.model()).isEqualTo("TLS: certificate for other.example does not match 127.0.0.1");
        assertThat(r.value(Metric.TLS_DAYS_LEFT)).as("the certificate was seen").isCloseTo(30.0, within(0.01));
    }

    @Test
    void anUntrustedSelfSignedCertificateIsDown() throws Exception {
        long now = System.currentTimeMillis();
        HttpUrl url = serve(leaf(null, now - HOUR_MS, now + 30 * DAY_MS, "127.0.0.1"), false);

        Reading r = poll(Probes.of(Kind.MODELS, url));

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.model())
                .isEqualTo("TLS: self-signed certificate for 127.0.0.1 is not trusted (set the probe's caFile)");
    }

    @Test
    void aCertificateFromAnUnknownCaIsDown() throws Exception {
        long now = System.currentTimeMillis();
        HttpUrl url = serve(leaf(CA, now - HOUR_MS, now + 30 * DAY_MS, "127.0.0.1"), true);

        Reading r = poll(Probes.of(Kind.MODELS, url));

        assertThat(r.value(Metric.PROBE_UP)).isEqualTo(0.0);
        assertThat(r.model()).isEqualTo(
                "TLS: certificate issued by Watchfloor Test CA is not trusted (set the probe's caFile to its CA)");
    }

    @Test
    void anUnusableCaFileIsTheConsolesProblem() throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        List<Source> sources = ProbeSources.create(
                List.of(Probes.of(Kind.MODELS, "https://127.0.0.1:1/v1").caFile(notPem).endpoint("e")),
                new SourceContext(Clock.systemUTC(), Thresholds.DEFAULTS), Map.of());
        opened.addAll(sources);

        assertThatThrownBy(sources.get(0)::poll).asInstanceOf(throwable(SourceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.QUERY))
                .hasMessageStartingWith("cannot use caFile " + notPem);
    }
}
