package io.watchfloor.sources.probe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchfloor.config.ProbeConfig.Kind;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Runs one attempt of one probe: sends the kind's request, reads the whole answer (that is what PROBE_MS measures)
 * and judges it. Never throws for the endpoint's failures: they are outcomes.
 */
final class ProbeRunner {
    /** Bodies are read up to this; a model list or a one-token completion is far smaller. */
    static final long MAX_BODY = 2L * 1024 * 1024;
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final String USER_AGENT = "watchfloor-probe";
    private static final int MIN_SECRET_LENGTH = 3;

    /**
     * @param network  what the attempt says about the path to the host (for {@link ConsoleNetwork})
     * @param requests HTTP requests made, redirects included (the polling cost)
     */
    record Attempt(ProbeOutcome outcome, ConsoleNetwork.Outcome network, int requests) {
    }

    private final ProbeSpec spec;
    private final OkHttpClient http;
    private final CertificateCapture capture;
    private final String apiKey;
    private final Clock clock;

    /** @param apiKey the bearer token, null for none; only ever put in the Authorization header */
    ProbeRunner(ProbeSpec spec, OkHttpClient http, CertificateCapture capture, String apiKey, Clock clock) {
        this.spec = spec;
        this.http = http;
        this.capture = capture;
        this.apiKey = apiKey;
        this.clock = clock;
    }

    Attempt run() {
        CallPhases phases = new CallPhases(spec.target());
        Request request = request(phases);
        long start = System.nanoTime();
        try (Response response = http.newCall(request).execute()) {
            return answered(response, phases, start);
        } catch (IOException e) {
            HttpUrl at = phases.currentUrl();
            CertificateCapture.Seen seen = capture.seenSince(at.host(), at.port(), start);
            FailureText.Failure f = FailureText.of(e, phases, spec.timeout(), seen, clock.instant());
            ProbeOutcome o = new ProbeOutcome(false, null, null, f.tlsDaysLeft(), redact(f.text()));
            return new Attempt(o, f.connectionLevel() ? ConsoleNetwork.Outcome.CONNECTION_FAILED
                    : ConsoleNetwork.Outcome.REACHED, 1 + phases.followUps());
        }
    }

    private Attempt answered(Response response, CallPhases phases, long start) {
        int code = response.code();
        int requests = 1 + phases.followUps();
        Instant now = clock.instant();
        Double days = daysLeft(response.handshake(), now);
        byte[] body;
        try {
            body = readAtMost(response.body(), MAX_BODY);
        } catch (IOException e) {
            // the status line came, the rest did not: the endpoint's fault either way
            FailureText.Failure f = FailureText.of(e, phases, spec.timeout(), null, now);
            String text = f.text() + " (after HTTP " + code + " began)";
            return new Attempt(new ProbeOutcome(false, code, null, days, redact(text)),
                    ConsoleNetwork.Outcome.REACHED, requests);
        }
        double millis = (System.nanoTime() - start) / 1_000_000.0;
        AnswerJudge.Verdict v = AnswerJudge.judge(spec, code, response.header("Content-Type"), body, apiKey != null);
        boolean up = v.up();
        String text = v.text();
        if (days != null && days < 0) {
            // a directly trusted certificate passes the JDK's check even when expired; clients with a CA will not
            up = false;
            text = "TLS: certificate expired " + TlsFacts.ago(days);
        }
        if (response.priorResponse() != null) {
            // where it ended, without credentials or a query that could carry a token
            text += " · redirected to "
                    + response.request().url().newBuilder().username("").password("").query(null).build();
        }
        return new Attempt(new ProbeOutcome(up, code, millis, days, redact(text)), ConsoleNetwork.Outcome.REACHED,
                requests);
    }

    private Request request(CallPhases phases) {
        Request.Builder b = new Request.Builder().url(spec.target())
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json, */*;q=0.5")
                .tag(CallPhases.class, phases);
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        if (spec.kind() == Kind.COMPLETION) {
            ObjectNode json = AnswerJudge.JSON.createObjectNode()
                    .put("model", spec.model())
                    .put("prompt", "ping")
                    .put("max_tokens", 1);
            b.post(RequestBody.create(json.toString(), JSON_TYPE));
        }
        return b.build();
    }

    /** The whole body, or null when it is larger than {@code limit} (reading stops there). */
    static byte[] readAtMost(ResponseBody body, long limit) throws IOException {
        BufferedSource source = body.source();
        if (source.request(limit + 1)) {
            return null;
        }
        return source.getBuffer().readByteArray();
    }

    private static Double daysLeft(Handshake handshake, Instant now) {
        if (handshake == null || handshake.peerCertificates().isEmpty()) {
            return null;
        }
        Certificate leaf = handshake.peerCertificates().get(0);
        return leaf instanceof X509Certificate x ? TlsFacts.daysLeft(x, now) : null;
    }

    /** Belt and braces: whatever a server echoes into an error message, the key never reaches the screen. */
    private String redact(String text) {
        return apiKey != null && apiKey.length() >= MIN_SECRET_LENGTH ? text.replace(apiKey, "***") : text;
    }
}
