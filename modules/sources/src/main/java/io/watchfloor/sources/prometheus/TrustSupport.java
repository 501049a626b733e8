package io.watchfloor.sources.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for servers signed by an in-house CA: the system CAs plus those of a PEM file. Verification
 * itself (chain and host name) stays the JDK's and OkHttp's. Public because the synthetic probes
 * (io.watchfloor.sources.probe) build their TLS trust the same way.
 */
public final class TrustSupport {
    private TrustSupport() {
    }

    /** The certificates of a PEM file; at least one, or an exception saying why not. */
    public static List<X509Certificate> loadCertificates(Path pem) throws IOException, GeneralSecurityException {
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pem)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (c instanceof X509Certificate x) {
                    certs.add(x);
                }
            }
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no PEM certificate in " + pem);
        }
        return certs;
    }

    /** System CAs plus the extra ones. */
    public static X509TrustManager trustManager(List<X509Certificate> extra) throws GeneralSecurityException {
        KeyStore store;
        try {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        int i = 0;
        for (X509Certificate ca : systemTrustManager().getAcceptedIssuers()) {
            store.setCertificateEntry("system-" + i++, ca);
        }
        for (X509Certificate ca : extra) {
            store.setCertificateEntry("extra-" + i++, ca);
        }
        return firstX509(trustManagers(store));
    }

    public static SSLContext sslContext(X509TrustManager trust) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {trust}, null);
        return ctx;
    }

    private static X509TrustManager systemTrustManager() throws GeneralSecurityException {
        return firstX509(trustManagers(null));
    }

    private static TrustManager[] trustManagers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        return f.getTrustManagers();
    }

    private static X509TrustManager firstX509(TrustManager[] managers) throws GeneralSecurityException {
        for (TrustManager m : managers) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager available");
    }
}
