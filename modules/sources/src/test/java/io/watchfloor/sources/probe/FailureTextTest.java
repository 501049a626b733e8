package io.watchfloor.sources.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * Which failures our own network could explain. These are the cases a local test cannot provoke reliably (a
 * connect timeout needs a black-holed route); the wire tests cover refused connections, DNS and TLS for real.
 */
class FailureTextTest {
    private static final Duration FIVE_S = Duration.ofSeconds(5);
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final InetSocketAddress ADDRESS = InetSocketAddress.createUnresolved("a.example", 443);

    private static CallPhases phases() {
        return new CallPhases(HttpUrl.get("https://a.example/v1/models"));
    }

    private static CallPhases connecting() {
        CallPhases p = phases();
        p.dnsStart(null, "a.example");
        p.connectStart(null, ADDRESS, Proxy.NO_PROXY);
        return p;
    }

    private static CallPhases waitingForAnswer() {
        CallPhases p = connecting();
        p.secureConnectStart(null);
        p.connectEnd(null, ADDRESS, Proxy.NO_PROXY, null);
        p.connectionAcquired(null, null);
        return p;
    }

    private static FailureText.Failure of(IOException e, CallPhases p) {
        return FailureText.of(e, p, FIVE_S, null, NOW);
    }

    @Test
    void connectionLevelFailuresMayBeOurNetwork() {
        assertThat(of(new UnknownHostException("a.example"), phases()))
                .isEqualTo(new FailureText.Failure("DNS: cannot resolve a.example", true, null));
        assertThat(of(new SocketTimeoutException("Connect timed out"), connecting()))
                .isEqualTo(new FailureText.Failure("connect timed out after 5 s", true, null));
        assertThat(of(new InterruptedIOException("timeout"), connecting()).connectionLevel())
                .as("OkHttp's call timeout while connecting").isTrue();
        assertThat(of(new NoRouteToHostException("No route to host"), connecting()))
                .isEqualTo(new FailureText.Failure("no route to host a.example", true, null));
        assertThat(of(new ConnectException("Network is unreachable"), connecting()))
                .isEqualTo(new FailureText.Failure("network unreachable (to a.example)", true, null));
        assertThat(of(new ConnectException("Connection timed out"), connecting()).connectionLevel())
                .as("the kernel's own connect timeout").isTrue();
    }

    @Test
    void aDnsLookupThatHangsIsSaidSo() {
        CallPhases p = phases();
        p.dnsStart(null, "a.example");

        assertThat(of(new InterruptedIOException("timeout"), p))
                .isEqualTo(new FailureText.Failure("DNS lookup timed out after 5 s", true, null));
    }

    @Test
    void aRefusedConnectionIsTheEndpoint() {
        assertThat(of(new ConnectException("Failed to connect to a.example/10.0.0.1:443"), connecting()).connectionLevel())
                .as("an unknown connect failure is not blamed on our network").isFalse();
        assertThat(of(new ConnectException("Connection refused"), connecting()))
                .isEqualTo(new FailureText.Failure("connection refused", false, null));
    }

    @Test
    void onceConnectedItIsNeverOurNetwork() {
        assertThat(of(new SocketTimeoutException("Read timed out"), waitingForAnswer()))
                .isEqualTo(new FailureText.Failure("timed out after 5 s", false, null));
        assertThat(of(new InterruptedIOException("timeout"), waitingForAnswer()).connectionLevel()).isFalse();

        CallPhases handshaking = connecting();
        handshaking.secureConnectStart(null);
        assertThat(of(new InterruptedIOException("timeout"), handshaking))
                .isEqualTo(new FailureText.Failure("TLS handshake timed out after 5 s", false, null));
    }

    @Test
    void aRedirectThatFailsIsNamedByWhereItLed() {
        CallPhases p = waitingForAnswer();
        p.followUpDecision(null, null, new okhttp3.Request.Builder().url("https://b.example/v1/models").build());

        FailureText.Failure f = of(new UnknownHostException("b.example"), p);

        assertThat(f.text()).isEqualTo("DNS: cannot resolve b.example");
        assertThat(f.connectionLevel()).as("the first host answered, so the network works").isFalse();
        assertThat(p.followUps()).isEqualTo(1);
    }

    @Test
    void otherTlsFailuresKeepTheJdksFirstLine() {
        CallPhases p = connecting();
        p.secureConnectStart(null);

        assertThat(of(new SSLHandshakeException("Received fatal alert: protocol_version\nmore"), p).text())
                .isEqualTo("TLS handshake failed: Received fatal alert: protocol_version");
    }
}
