package io.watchfloor.sources.probe;

import io.watchfloor.model.SourceException;
import io.watchfloor.sources.prometheus.TrustSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * The one HTTP client all probes of a factory share: one connection pool, one event-listener hook, one TLS setup
 * per distinct trust (system CAs, or system CAs plus a caFile). Each probe derives its own view with its timeouts
 * ({@link OkHttpClient#newBuilder()} shares pool and dispatcher). Probes call synchronously on the engine's probe
 * lane, so that lane bounds how many run at once and a probe's time never includes a queue inside OkHttp.
 *
 * <p>TLS is always verified (chain and host name); there is deliberately no switch to turn it off. Redirects are
 * followed (also http to https) and the outcome text says where they led.
 *
 * <p>Reference-counted: every probe source retains it once and releases it on close; the last release stops the
 * pool so a closed console keeps no sockets.
 */
final class ProbeHttp {
    /** Idle connections kept per probe: a probe reuses its connection from one interval to the next. */
    private static final long KEEP_ALIVE_MINUTES = 5;

    private final int probes;
    private final Dns dns;
    private OkHttpClient base;
    private final CertificateCapture capture = new CertificateCapture();
    private final Map<String, Tls> tlsByCaFile = new HashMap<>();
    private final AtomicInteger holders = new AtomicInteger();

    private record Tls(SSLSocketFactory factory, X509ExtendedTrustManager trust) {
    }

    ProbeHttp(int probes, Dns dns) {
        this.probes = probes;
        this.dns = dns;
    }

    /**
     * Built on first use, on the engine's probe lane: the first OkHttp client and TLS context of a JVM cost about
     * a second of class loading and CA store reading, which must not delay the console's first frame.
     */
    private synchronized OkHttpClient base() {
        if (base == null) {
            base = new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(Math.max(5, probes), KEEP_ALIVE_MINUTES, TimeUnit.MINUTES))
                    .dns(dns)
                    .eventListenerFactory(CallPhases.FACTORY)
                    .followRedirects(true)
                    .followSslRedirects(true)
                    // kept on: it retries a pooled connection the server had already closed (a keep-alive race
                    // that would otherwise read as a false DOWN) and tries the host's other addresses; never
                    // HTTP errors
                    .retryOnConnectionFailure(true)
                    .build();
        }
        return base;
    }

    CertificateCapture capture() {
        return capture;
    }

    /** The client for one probe: shared pool, the probe's timeouts, and the trust its caFile asks for. */
    OkHttpClient clientFor(ProbeSpec spec) throws SourceException {
        Tls tls = tls(spec.caFile());
        return base().newBuilder()
                .callTimeout(spec.timeout())
                .connectTimeout(spec.timeout())
                .readTimeout(spec.timeout())
                .writeTimeout(spec.timeout())
                .sslSocketFactory(tls.factory(), tls.trust())
                .build();
    }

    /** Synchronized so that probes starting together read the CA store once, not once each. */
    private synchronized Tls tls(Path caFile) throws SourceException {
        String key = caFile == null ? "" : caFile.toAbsolutePath().normalize().toString();
        Tls known = tlsByCaFile.get(key);
        if (known != null) {
            return known;
        }
        try {
            List<java.security.cert.X509Certificate> extra =
                    caFile == null ? List.of() : TrustSupport.loadCertificates(caFile);
            X509ExtendedTrustManager trust = capture.wrap(TrustSupport.trustManager(extra));
            Tls tls = new Tls(TrustSupport.sslContext(trust).getSocketFactory(), trust);
            tlsByCaFile.put(key, tls);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw ProbeSpec.configProblem("cannot use caFile " + caFile + ": " + e.getMessage());
        }
    }

    void retain() {
        holders.incrementAndGet();
    }

    void release() {
        if (holders.decrementAndGet() == 0) {
            synchronized (this) {
                if (base != null) {
                    base.dispatcher().cancelAll();
                    base.connectionPool().evictAll();
                }
            }
        }
    }
}
