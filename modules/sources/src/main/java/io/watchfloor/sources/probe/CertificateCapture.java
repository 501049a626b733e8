package io.watchfloor.sources.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Remembers the certificate chain each TLS server presented, keyed by host:port, so that a probe whose handshake
 * was refused can still say why in operator terms ("expired 2 d ago", "for other.example") and report days left:
 * a failed handshake leaves OkHttp no Handshake to read. Verification itself is untouched: {@link #wrap} only
 * looks at the chain and then hands it to the real trust manager. Bounded by the number of probed targets.
 */
final class CertificateCapture {
    /** A chain and when it was seen (System.nanoTime), so a probe never reads a chain from an earlier call. */
    record Seen(List<X509Certificate> chain, long atNanos) {
        X509Certificate leaf() {
            return chain.get(0);
        }
    }

    private final ConcurrentHashMap<String, Seen> byTarget = new ConcurrentHashMap<>();

    /** The chain the server at host:port presented at or after {@code sinceNanos}, or null. */
    Seen seenSince(String host, int port, long sinceNanos) {
        Seen s = byTarget.get(key(host, port));
        return s != null && s.atNanos() - sinceNanos >= 0 ? s : null;
    }

    /** A trust manager that records what servers present and then lets {@code delegate} decide. */
    X509ExtendedTrustManager wrap(X509TrustManager delegate) {
        return new Recording(delegate);
    }

    private void remember(String host, int port, X509Certificate[] chain) {
        if (host != null && chain != null && chain.length > 0) {
            byTarget.put(key(host, port), new Seen(List.of(chain), System.nanoTime()));
        }
    }

    private static String key(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h + ":" + port;
    }

    private final class Recording extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;

        Recording(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            // OkHttp creates its SSLSocket with the URL's host and port, so the handshake session carries them
            if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null) {
                SSLSession s = ssl.getHandshakeSession();
                remember(s.getPeerHost(), s.getPeerPort(), chain);
            }
            if (delegate instanceof X509ExtendedTrustManager x) {
                x.checkServerTrusted(chain, authType, socket);
            } else {
                delegate.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            remember(engine.getPeerHost(), engine.getPeerPort(), chain);
            if (delegate instanceof X509ExtendedTrustManager x) {
                x.checkServerTrusted(chain, authType, engine);
            } else {
                delegate.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
