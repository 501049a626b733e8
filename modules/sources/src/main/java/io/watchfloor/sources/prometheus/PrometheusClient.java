package io.watchfloor.sources.prometheus;

import io.watchfloor.sources.HttpTexts;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.watchfloor.config.Auth;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A thin client for the Prometheus HTTP query API (also Thanos, Mimir, VictoriaMetrics...). One
 * instance owns one OkHttpClient, so all queries of a source share connections. Every failure comes
 * out as a {@link SourceException} whose message is fit for the operator and never holds a credential.
 */
public final class PrometheusClient implements AutoCloseable {
    /** A whole poll of a source runs its queries side by side, but a server never sees more than this at once. */
    static final int MAX_CONCURRENT_PER_HOST = 8;
    private static final long ERROR_BODY_PEEK = 64 * 1024;
    private static final int EXCERPT_CHARS = 160;

    private final HttpSettings settings;
    private final HttpUrl base;
    private final String target;
    private final OkHttpClient http;
    private final List<String> secrets = new ArrayList<>();
    /** Bearer tokens that expire (Google auth), null for static credentials. */
    private final TokenCache tokens;

    /**
     * @throws IllegalArgumentException when the URL is not http(s) or the CA file cannot be used
     */
    public PrometheusClient(HttpSettings settings) {
        this(settings, Dns.SYSTEM);
    }

    /**
     * A client whose {@link Auth.Google} tokens come from this supplier instead of application-default credentials.
     *
     * @throws IllegalArgumentException also when the settings' auth is not Google (the tokens would go unused)
     */
    public PrometheusClient(HttpSettings settings, TokenSupplier tokenSupplier, Clock clock) {
        this(settings, Dns.SYSTEM, tokenSupplier, clock);
        if (!(settings.auth() instanceof Auth.Google)) {
            close();
            throw new IllegalArgumentException("a token supplier needs auth type google");
        }
    }

    /** Tests pass their own resolver to provoke DNS failures without a network. */
    PrometheusClient(HttpSettings settings, Dns dns) {
        this(settings, dns, settings.auth() instanceof Auth.Google g ? new GoogleTokenSupplier(g.scopes()) : null,
                Clock.systemUTC());
    }

    private PrometheusClient(HttpSettings settings, Dns dns, TokenSupplier tokenSupplier, Clock clock) {
        this.settings = settings;
        HttpUrl url = HttpUrl.parse(settings.baseUrl().toString());
        if (url == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + settings.baseUrl().getHost());
        }
        // credentials belong in auth; never let them ride along in the URL (or in messages)
        this.base = url.newBuilder().username("").password("").query(null).fragment(null).build();
        this.target = base.host() + ":" + base.port();
        this.http = buildHttp(settings, dns, base.host());
        switch (settings.auth()) {
            case Auth.Bearer b -> secrets.add(b.token().value());
            case Auth.Basic b -> secrets.add(b.password().value());
            case Auth.None n -> { }
            case Auth.Google g -> { } // tokens change: masked from the token cache's recent ones
        }
        secrets.removeIf(s -> s == null || s.length() < 3);
        this.tokens = settings.auth() instanceof Auth.Google
                ? new TokenCache(Objects.requireNonNull(tokenSupplier, "tokenSupplier"), clock) : null;
    }

    private static OkHttpClient buildHttp(HttpSettings s, Dns dns, String host) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "prometheus-" + host + "-" + n.incrementAndGet());
            t.setDaemon(true); // an idle source must never keep the application alive
            return t;
        });
        Dispatcher dispatcher = new Dispatcher(workers);
        dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_PER_HOST);
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
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
                workers.shutdown();
                throw new IllegalArgumentException("cannot use CA file " + s.caFile() + ": " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    public HttpSettings settings() {
        return settings;
    }

    /** Instant query; {@code time} null means the server's now. */
    public QueryResult query(String promql, Instant time) throws SourceException {
        return await(queryAsync(promql, time));
    }

    public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) throws SourceException {
        return await(queryRangeAsync(promql, start, end, step));
    }

    /** Instant query on OkHttp's threads; the future fails with a {@link SourceException}. Cancel it to cancel the call. */
    public CompletableFuture<QueryResult> queryAsync(String promql, Instant time) {
        HttpUrl.Builder url = api("query").addQueryParameter("query", promql);
        if (time != null) {
            url.addQueryParameter("time", seconds(time));
        }
        return send(url.build());
    }

    public CompletableFuture<QueryResult> queryRangeAsync(String promql, Instant start, Instant end, Duration step) {
        return send(api("query_range")
                .addQueryParameter("query", promql)
                .addQueryParameter("start", seconds(start))
                .addQueryParameter("end", seconds(end))
                .addQueryParameter("step", BigDecimal.valueOf(step.toMillis(), 3).stripTrailingZeros().toPlainString())
                .build());
    }

    private HttpUrl.Builder api(String endpoint) {
        // addPathSegments after a trailing "/" replaces the empty segment, so prefixes work with or without it
        return base.newBuilder().addPathSegments("api/v1/" + endpoint);
    }

    private static String seconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3).toPlainString();
    }

    /**
     * Runs on the caller's thread up to the enqueue, so a token renewal (blocking I/O to the token endpoint) happens
     * on the polling thread, never on OkHttp's dispatcher threads that complete the futures.
     */
    private CompletableFuture<QueryResult> send(HttpUrl url) {
        Request.Builder req = new Request.Builder().url(url).header("Accept", "application/json");
        settings.headers().forEach(req::header);
        switch (settings.auth()) {
            case Auth.Bearer b -> req.header("Authorization", "Bearer " + b.token().value());
            case Auth.Basic b -> req.header("Authorization",
                    Credentials.basic(b.user(), b.password().value(), StandardCharsets.UTF_8));
            case Auth.None n -> { }
            case Auth.Google g -> {
                try {
                    req.header("Authorization", "Bearer " + tokens.token());
                } catch (SourceException e) {
                    return CompletableFuture.failedFuture(
                            new SourceException(e.kind(), redact(e.getMessage()), e.getCause()));
                }
            }
        }
        CompletableFuture<QueryResult> future = new CompletableFuture<>();
        Call call = http.newCall(req.build());
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                future.completeExceptionally(connectFailure(e));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    future.complete(handle(response));
                } catch (SourceException e) {
                    future.completeExceptionally(e);
                } catch (IOException e) {
                    future.completeExceptionally(bodyFailure(e));
                } catch (RuntimeException e) {
                    future.completeExceptionally(error(Kind.MALFORMED, "unreadable answer: " + e, e));
                }
            }
        });
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        return future;
    }

    private QueryResult handle(Response response) throws IOException, SourceException {
        int code = response.code();
        if (code == 401 || code == 403) {
            if (tokens != null) {
                tokens.reject(); // revoked or stale: the next query fetches a new one
                throw error(Kind.AUTH, "authentication failed (HTTP " + code + ")" + (code == 403
                        ? ": the Google credentials may lack permission to read metrics (roles/monitoring.viewer)"
                        : ": Google rejected the access token"), null);
            }
            throw error(Kind.AUTH, "authentication failed (HTTP " + code + ")", null);
        }
        ResponseBody body = response.body();
        String contentType = String.valueOf(response.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (!response.isSuccessful()) {
            String text = response.peekBody(ERROR_BODY_PEEK).string();
            throwIfPrometheusError(code, text);
            throw error(Kind.HTTP, "HTTP " + code + " from " + target + excerpt(text), null);
        }
        if (contentType.contains("text/html")) {
            // typically the login page of an auth proxy answering 200 in place of Prometheus
            throw error(Kind.MALFORMED, "got an HTML page instead of Prometheus JSON from " + target
                    + excerpt(response.peekBody(ERROR_BODY_PEEK).string()), null);
        }
        PrometheusResponseParser.Envelope env = PrometheusResponseParser.parse(body.byteStream());
        if (env.isError()) {
            throw queryError(code, env);
        }
        if (env.result() == null) {
            throw error(Kind.MALFORMED, "unexpected status '" + env.status() + "' from " + target, null);
        }
        return env.result();
    }

    /** Prometheus puts {"status":"error","errorType":...} in its 4xx/5xx answers; proxies do not. */
    private void throwIfPrometheusError(int code, String text) throws SourceException {
        if (!text.stripLeading().startsWith("{")) {
            return;
        }
        try {
            PrometheusResponseParser.Envelope env =
                    PrometheusResponseParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            if (env.isError()) {
                throw queryError(code, env);
            }
        } catch (IOException notPrometheusJson) {
            // fall through to the plain HTTP error with an excerpt
        }
    }

    private PrometheusQueryException queryError(int code, PrometheusResponseParser.Envelope env) {
        String type = env.errorType() == null ? "error" : env.errorType();
        String detail = env.error() == null ? "(no message)" : redact(env.error());
        return new PrometheusQueryException(code, type, detail);
    }

    /** The request never got an answer. */
    private SourceException connectFailure(IOException e) {
        HttpTexts.Failure f = HttpTexts.noAnswer(e, base.host(), target, settings.timeout());
        return error(f.kind(), f.message(), e);
    }

    /** The answer started but its body could not be read to the end. */
    private SourceException bodyFailure(IOException e) {
        if (e instanceof JsonProcessingException j) {
            return error(Kind.MALFORMED, "malformed answer from " + target + ": " + j.getOriginalMessage(), e);
        }
        if (e instanceof InterruptedIOException) {
            return timeout(e);
        }
        return error(Kind.MALFORMED, "answer from " + target + " ended early: " + e.getMessage(), e);
    }

    private SourceException timeout(IOException e) {
        HttpTexts.Failure f = HttpTexts.timedOut(target, settings.timeout());
        return error(f.kind(), f.message(), e);
    }

    private SourceException error(Kind kind, String message, Throwable cause) {
        return new SourceException(kind, redact(message), cause);
    }

    /** Belt and braces: whatever a server or library echoes, a configured secret never reaches the UI. */
    private String redact(String message) {
        String out = message;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        if (tokens != null) {
            for (String t : tokens.recentTokens()) {
                out = out.replace(t, "***");
            }
        }
        return out;
    }

    /** ": first words of the body" with markup removed, so an HTML error page reads as text. */
    static String excerpt(String body) {
        return HttpTexts.excerpt(body, EXCERPT_CHARS);
    }

    private static QueryResult await(CompletableFuture<QueryResult> future) throws SourceException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SourceException s) {
                throw s;
            }
            throw new SourceException(Kind.MALFORMED, String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceException(Kind.TIMEOUT, "query interrupted", e);
        }
    }

    /** Stops the worker threads and drops pooled connections. */
    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
