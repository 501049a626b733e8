package io.watchfloor.sources;

import io.watchfloor.model.SourceException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Texts for messages about HTTP answers and failures, shared by the HTTP sources. */
public final class HttpTexts {
    private HttpTexts() {
    }

    /** ": first words of the body" (at most {@code maxChars}) with markup removed, so an HTML error page reads as text. */
    public static String excerpt(String body, int maxChars) {
        String text = body.replaceAll("(?is)<(script|style)\\b.*?</\\1>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > maxChars ? text.substring(0, maxChars) + "…" : text);
    }

    /** "5 s" or "750 ms". */
    public static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** What a failed request comes to: its kind and a message for the operator (not yet redacted). */
    public record Failure(Kind kind, String message) {
    }

    /**
     * Why a request never got an answer, told apart the way an operator fixes it (DNS, refused, routing, TLS
     * name or trust, timeout).
     *
     * @param host    the host name, for DNS failures
     * @param target  the server as messages name it ("http://host:9093")
     * @param timeout the request timeout, for timeouts
     */
    public static Failure noAnswer(IOException e, String host, String target, Duration timeout) {
        if (e instanceof UnknownHostException) {
            return new Failure(Kind.UNREACHABLE, "cannot resolve host " + host + " (DNS lookup failed)");
        }
        if (e instanceof InterruptedIOException) {
            return timedOut(target, timeout);
        }
        if (e instanceof ConnectException) {
            return new Failure(Kind.UNREACHABLE, "connection refused by " + target);
        }
        if (e instanceof NoRouteToHostException) {
            return new Failure(Kind.UNREACHABLE, "no route to host " + target);
        }
        if (e instanceof SSLPeerUnverifiedException) {
            return new Failure(Kind.UNREACHABLE, "TLS: the certificate of " + target + " does not match its name");
        }
        if (e instanceof SSLException) {
            return new Failure(Kind.UNREACHABLE, hasCause(e, CertificateException.class)
                    ? "TLS: the certificate of " + target + " is not trusted (set caFile to its CA)"
                    : "TLS handshake with " + target + " failed: " + e.getMessage());
        }
        return new Failure(Kind.UNREACHABLE, "cannot reach " + target + ": " + e.getMessage());
    }

    /** No answer within the request timeout. */
    public static Failure timedOut(String target, Duration timeout) {
        return new Failure(Kind.TIMEOUT, "no answer from " + target + " within " + format(timeout));
    }

    /** Whether {@code t} or one of its causes is a {@code type}. */
    public static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
