package io.watchfloor.sources.alertmanager;

import io.watchfloor.config.Auth;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.SourceException;
import io.watchfloor.sources.HttpTexts;
import io.watchfloor.sources.prometheus.HttpSettings;
import io.watchfloor.sources.prometheus.TrustSupport;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.X509TrustManager;

/**
 * GET {@code /api/v2/alerts} of one Alertmanager, with the connection settings every HTTP source shares
 * ({@link HttpSettings}: timeout, bearer or basic auth, extra headers, extra CA; TLS always verified). It returns the
 * body of a 200 answer; every other outcome is a {@link SourceException} whose message is fit for the operator and
 * never holds a configured credential.
 *
 * <p>The call runs on OkHttp's thread while the polling thread waits on it, so the engine's watchdog can interrupt a
 * hanging poll and the call is cancelled with it.
 */
final class AlertmanagerClient implements AutoCloseable {
    static final String ALERTS_PATH = "api/v2/alerts";
    private static final long ERROR_BODY_PEEK = 64 * 1024;
    private static final int EXCERPT_CHARS = 200;

    private final HttpSettings settings;
    private final HttpUrl base;
    private final String target;
    private final OkHttpClient http;
    private final List<String> secrets = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when the URL is not http(s), the auth is not bearer or basic, or the CA
     *                                  file cannot be used (the provider's validation reports all of these first)
     */
    AlertmanagerClient(HttpSettings settings) {
        this(settings, Dns.SYSTEM);
    }

    /** Tests pass their own resolver to provoke DNS failures without a network. */
    AlertmanagerClient(HttpSettings settings, Dns dns) {
        this.settings = settings;
        HttpUrl url = HttpUrl.parse(settings.baseUrl().toString());
        if (url == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + settings.baseUrl().getHost());
        }
        if (settings.auth() instanceof Auth.Google) {
            throw new IllegalArgumentException("an alertmanager source takes bearer or basic auth, not google");
        }
        // credentials belong in auth; never let them ride along in the URL (or in messages)
        this.base = url.newBuilder().username("").password("").query(null).fragment(null).build();
        this.target = base.host() + ":" + base.port();
        switch (settings.auth()) {
            case Auth.Bearer b -> secrets.add(b.token().value());
            case Auth.Basic b -> secrets.add(b.password().value());
            default -> { }
        }
        secrets.removeIf(s -> s == null || s.length() < 3);
        this.http = buildHttp(settings, dns, base.host());
    }

    private static OkHttpClient buildHttp(HttpSettings s, Dns dns, String host) {
        ExecutorService worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "alertmanager-" + host);
            t.setDaemon(true); // an idle source must never keep the application alive
            return t;
        });
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(worker))
                .dns(dns)
                .callTimeout(s.timeout())
                .connectTimeout(s.timeout())
                .readTimeout(s.timeout())
                .writeTimeout(s.timeout());
        if (s.caFile() != null) {
            try {
                X509TrustManager trust = TrustSupport.trustManager(TrustSupport.loadCertificates(s.caFile()));
                b.sslSocketFactory(TrustSupport.sslContext(trust).getSocketFactory(), trust);
            } catch (IOException | GeneralSecurityException e) {
                worker.shutdown();
                throw new IllegalArgumentException("cannot use CA file " + s.caFile() + ": " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    HttpSettings settings() {
        return settings;
    }

    /** "host:port", as messages name the server. */
    String target() {
        return target;
    }

    /** The URL polled: every alert Alertmanager holds, whatever its state (the API's defaults, spelled out). */
    HttpUrl alertsUrl() {
        // addPathSegments after a trailing "/" replaces the empty segment, so prefixes work with or without it
        return base.newBuilder().addPathSegments(ALERTS_PATH)
                .addQueryParameter("active", "true")
                .addQueryParameter("silenced", "true")
                .addQueryParameter("inhibited", "true")
                .addQueryParameter("unprocessed", "true")
                .build();
    }

    /** The body of a successful GET /api/v2/alerts. Blocks until it is read, the timeout passes or the thread is interrupted. */
    String fetchAlerts() throws SourceException {
        Request.Builder req = new Request.Builder().url(alertsUrl()).header("Accept", "application/json");
        settings.headers().forEach(req::header);
        switch (settings.auth()) {
            case Auth.Bearer b -> req.header("Authorization", "Bearer " + b.token().value());
            case Auth.Basic b -> req.header("Authorization",
                    Credentials.basic(b.user(), b.password().value(), StandardCharsets.UTF_8));
            default -> { }
        }
        CompletableFuture<String> future = new CompletableFuture<>();
        Call call = http.newCall(req.build());
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                future.completeExceptionally(noAnswer(e));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    future.complete(body(response));
                } catch (SourceException e) {
                    future.completeExceptionally(e);
                } catch (IOException e) {
                    future.completeExceptionally(e instanceof InterruptedIOException ? timeout(e)
                            : error(Kind.MALFORMED, "the answer from " + target + " ended early: " + e.getMessage(), e));
                } catch (RuntimeException e) {
                    future.completeExceptionally(error(Kind.MALFORMED, "unreadable answer from " + target + ": " + e, e));
                }
            }
        });
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SourceException s) {
                throw s;
            }
            throw error(Kind.MALFORMED, String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw new SourceException(Kind.TIMEOUT, "poll of " + target + " interrupted", e);
        }
    }

    private String body(Response response) throws IOException, SourceException {
        int code = response.code();
        if (code == 401 || code == 403) {
            throw error(Kind.AUTH, "authentication failed (HTTP " + code + ") at " + target
                    + ": check the source's auth (bearer token, or basic user and password)", null);
        }
        if (!response.isSuccessful()) {
            throw httpError(code, response.peekBody(ERROR_BODY_PEEK).string());
        }
        String contentType = String.valueOf(response.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (contentType.contains("text/html")) {
            // typically the login page of an auth proxy answering 200 in place of Alertmanager
            throw error(Kind.MALFORMED, "got an HTML page instead of Alertmanager JSON from " + target
                    + excerpt(response.peekBody(ERROR_BODY_PEEK).string()), null);
        }
        return response.body().string();
    }

    /**
     * Alertmanager answers its 400 and 500 with a bare JSON string (e.g. {@code "error parsing regexp: ..."});
     * that text is what the operator needs, so it is quoted. Anything else (a proxy's page) becomes an excerpt.
     */
    private SourceException httpError(int code, String body) {
        String said = AlertListParser.bareJsonString(body);
        if (code == 404) {
            return error(Kind.HTTP, "HTTP 404 from " + target + " for /" + ALERTS_PATH + excerpt(body)
                    + "; is the url an Alertmanager (0.16 or newer), with its path prefix if it has one?", null);
        }
        if (said != null) {
            return error(code == 400 ? Kind.QUERY : Kind.HTTP,
                    "Alertmanager at " + target + " answered HTTP " + code + ": " + said, null);
        }
        return error(Kind.HTTP, "HTTP " + code + " from " + target + excerpt(body), null);
    }

    /** The request never got an answer. */
    private SourceException noAnswer(IOException e) {
        HttpTexts.Failure f = HttpTexts.noAnswer(e, base.host(), target, settings.timeout());
        return error(f.kind(), f.message(), e);
    }

    private SourceException timeout(IOException e) {
        HttpTexts.Failure f = HttpTexts.timedOut(target, settings.timeout());
        return error(f.kind(), f.message(), e);
    }

    SourceException error(Kind kind, String message, Throwable cause) {
        return new SourceException(kind, redact(message), cause);
    }

    /** Belt and braces: whatever a server or proxy echoes, a configured secret never reaches the UI. */
    private String redact(String message) {
        String out = message;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }

    /** ": first words of the body" with markup removed, so an HTML error page reads as text. */
    static String excerpt(String body) {
        return HttpTexts.excerpt(body, EXCERPT_CHARS);
    }

    /** Cancels a call in flight, stops the worker thread and drops pooled connections. */
    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
