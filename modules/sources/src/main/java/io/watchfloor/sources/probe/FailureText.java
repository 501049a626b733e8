package io.watchfloor.sources.probe;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns a call that got no (complete) answer into an outcome text, and says whether the failure happened before any
 * connection existed in a way our own network could explain (DNS, connect timeout, unreachable, no route). A
 * refused connection is not such a failure: the host's reset came back, so the network works and the endpoint is
 * down.
 */
final class FailureText {

    /**
     * @param connectionLevel the network could be to blame (see {@link ConsoleNetwork})
     * @param tlsDaysLeft     days left on the certificate the server presented, null when none was seen
     */
    record Failure(String text, boolean connectionLevel, Double tlsDaysLeft) {
    }

    private FailureText() {
    }

    /**
     * @param seen the chain the server presented during this call, null when none
     */
    static Failure of(IOException e, CallPhases phases, Duration timeout, CertificateCapture.Seen seen, Instant now) {
        String host = phases.currentUrl().host();
        Double days = seen == null ? null : TlsFacts.daysLeft(seen.leaf(), now);
        boolean noConnection = !phases.connected();
        String limit = format(timeout);

        if (e instanceof SSLPeerUnverifiedException) {
            // OkHttp's host name check, after the chain itself was trusted
            return new Failure(seen != null ? TlsFacts.mismatch(seen.leaf(), host)
                    : "TLS: certificate does not match " + host, false, days);
        }
        if (causedBy(e, UnknownHostException.class)) {
            return new Failure("DNS: cannot resolve " + host, noConnection, null);
        }
        if (causedBy(e, NoRouteToHostException.class)) {
            return new Failure("no route to host " + host, noConnection, null);
        }
        if (e instanceof ConnectException) {
            // OkHttp wraps the JDK's ConnectException ("Failed to connect to /10.0.0.1:443"); the reason is inside
            String msg = causeMessages(e).toLowerCase(Locale.ROOT);
            if (msg.contains("refused")) {
                return new Failure("connection refused", false, null);
            }
            if (msg.contains("unreachable")) {
                return new Failure("network unreachable (to " + host + ")", noConnection, null);
            }
            if (msg.contains("timed out")) {
                return new Failure("connect timed out", noConnection, null);
            }
            return new Failure("cannot connect: " + firstLine(e.getMessage()), false, null);
        }
        if (e instanceof InterruptedIOException) {
            return timeout(phases, limit, days);
        }
        if (e instanceof SSLException) {
            String why = seen != null && causedBy(e, CertificateException.class)
                    ? TlsFacts.whyRefused(seen.chain(), now) : null;
            return new Failure(why != null ? why : "TLS handshake failed: " + firstLine(e.getMessage()), false, days);
        }
        return new Failure((noConnection ? "cannot connect: " : "answer broken off: ") + firstLine(e.getMessage()),
                false, days);
    }

    /** Covers both OkHttp's call timeout ("timeout") and the socket's own ("Connect timed out", "Read timed out"). */
    private static Failure timeout(CallPhases phases, String limit, Double days) {
        if (!phases.connected()) {
            // no TCP connection yet (TLS would have set connected): the time went on DNS or on connecting
            return phases.phase() == CallPhases.Phase.DNS
                    ? new Failure("DNS lookup timed out after " + limit, true, null)
                    : new Failure("connect timed out after " + limit, true, null);
        }
        if (phases.phase() == CallPhases.Phase.TLS) {
            return new Failure("TLS handshake timed out after " + limit, false, days);
        }
        return new Failure("timed out after " + limit, false, days);
    }

    /** "5 s" / "300 ms", as the timeout was probably written in the config. */
    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String causeMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no detail)";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
