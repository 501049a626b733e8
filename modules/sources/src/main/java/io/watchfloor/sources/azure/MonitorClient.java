package io.watchfloor.sources.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.watchfloor.model.SourceException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Azure Monitor Metrics - List over OkHttp: one GET per {@link MetricsQuery}, answers read with
 * {@link MetricsResponseParser}. Every failure is a {@link MonitorCallException} whose message is fit for the
 * operator; the bearer token is never part of one.
 */
final class MonitorClient implements AutoCloseable {
    static final int MAX_CONCURRENT = 8;
    /** When a 429 names no Retry-After, wait this long (Resource Manager refills its buckets within a minute). */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    private static final long ERROR_BODY_PEEK = 64 * 1024;
    private static final int EXCERPT_CHARS = 200;

    private final HttpUrl base;
    private final Duration timeout;
    private final Clock clock;
    private final OkHttpClient http;

    MonitorClient(HttpUrl base, Duration timeout, Clock clock) {
        this.base = base;
        this.timeout = timeout;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "azure-monitor-" + n.incrementAndGet());
            t.setDaemon(true); // an idle source must never keep the application alive
            return t;
        });
        Dispatcher dispatcher = new Dispatcher(workers);
        dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
    }

    HttpUrl base() {
        return base;
    }

    /** Sends the query on OkHttp's threads; the future fails with a {@link MonitorCallException}. */
    CompletableFuture<MetricsAnswer> fetch(MetricsQuery query, Instant start, Instant end, String bearer) {
        Request request = new Request.Builder()
                .url(query.url(base, start, end))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .build();
        CompletableFuture<MetricsAnswer> future = new CompletableFuture<>();
        Call call = http.newCall(request);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                future.completeExceptionally(noAnswer(e));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    future.complete(answer(query, response));
                } catch (MonitorCallException e) {
                    future.completeExceptionally(e);
                } catch (JsonProcessingException e) {
                    future.completeExceptionally(fail(Kind.MALFORMED, "malformed metrics answer for "
                            + ResourceIds.shortName(query.resourceId()) + ": " + e.getOriginalMessage(), 200, e));
                } catch (IOException e) {
                    future.completeExceptionally(e instanceof InterruptedIOException ? timedOut(e)
                            : fail(Kind.MALFORMED, "the metrics answer ended early: " + e.getMessage(), 200, e));
                } catch (RuntimeException e) {
                    future.completeExceptionally(fail(Kind.MALFORMED, "unreadable metrics answer: " + e, 200, e));
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

    private MetricsAnswer answer(MetricsQuery query, Response response) throws IOException, MonitorCallException {
        int code = response.code();
        String resource = query.resourceId();
        if (!response.isSuccessful()) {
            String body = response.peekBody(ERROR_BODY_PEEK).string();
            throw httpError(code, resource, ArmError.parse(body), body, response.header("Retry-After"));
        }
        String contentType = String.valueOf(response.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (contentType.contains("text/html")) {
            // typically a proxy's login page answering 200 in place of Resource Manager
            throw fail(Kind.MALFORMED, "got an HTML page instead of Azure Monitor JSON from " + base.host()
                    + excerpt(response.peekBody(ERROR_BODY_PEEK).string()), code, null);
        }
        List<MetricsAnswer> answers = MetricsResponseParser.parse(response.body().byteStream());
        if (answers.size() != 1) {
            throw fail(Kind.MALFORMED, "expected the metrics of one resource, got " + answers.size(), code, null);
        }
        return answers.getFirst();
    }

    /** An error answer in operator terms; the Resource Manager error code decides where the fix lies. */
    private MonitorCallException httpError(int code, String resource, ArmError error, String body, String retryAfter) {
        String errorCode = error == null || error.code() == null ? "" : error.code();
        String detail = error != null ? error.describe() : excerpt(body).replaceFirst("^: ", "");
        String name = ResourceIds.shortName(resource);
        Kind kind;
        String message;
        switch (code) {
            case 401 -> {
                switch (errorCode) {
                    case "ExpiredAuthenticationToken" -> {
                        kind = Kind.AUTH_EXPIRED;
                        message = "Azure Resource Manager says the token has expired (" + detail
                                + "); sign in again: az login";
                    }
                    case MonitorCallException.WRONG_TENANT -> {
                        kind = Kind.AUTH_EXPIRED;
                        message = "the token is from another tenant than the subscription of " + name + " (" + detail
                                + "); sign in to that tenant (az login --tenant ...) or set tenant: on the source";
                    }
                    default -> {
                        kind = Kind.AUTH;
                        message = "Azure Resource Manager rejected the token (HTTP 401"
                                + (detail.isEmpty() ? "" : ", " + detail) + "); " + ArmTokens.NO_CREDENTIAL_HINT;
                    }
                }
            }
            case 403 -> {
                kind = Kind.AUTH;
                message = errorCode.equals("AuthorizationFailed")
                        ? "the Azure identity may not read metrics of " + resource + ": it needs Monitoring Reader on "
                                + resource + " (or its resource group or subscription)"
                        : "Azure denied reading metrics of " + name + " (HTTP 403" + (detail.isEmpty() ? "" : ", " + detail)
                                + ")";
            }
            case 429 -> {
                return throttled(retryAfter, errorCode);
            }
            default -> {
                kind = code >= 500 ? Kind.HTTP : Kind.QUERY;
                message = code >= 500
                        ? "Azure Monitor answered HTTP " + code + " for " + name + (detail.isEmpty() ? "" : ": " + detail)
                        : "Azure Monitor rejected the metrics query for " + name + " (HTTP " + code
                                + (detail.isEmpty() ? "" : ", " + detail) + ")";
            }
        }
        return new MonitorCallException(kind, message, code, errorCode, null, null);
    }

    private MonitorCallException throttled(String retryAfter, String errorCode) {
        Instant now = clock.instant();
        Instant until = retryAt(retryAfter, now);
        return new MonitorCallException(Kind.HTTP, "Azure Resource Manager is throttling metric reads (HTTP 429);"
                + " throttled until " + until.truncatedTo(ChronoUnit.SECONDS) + ", no call goes out before then",
                429, errorCode, until, null);
    }

    /** Retry-After is either delay seconds or an HTTP date (RFC 9110 10.2.3); absent or unreadable: a minute. */
    static Instant retryAt(String header, Instant now) {
        if (header != null && !header.isBlank()) {
            String h = header.strip();
            try {
                return now.plusSeconds(Math.max(0, Long.parseLong(h)));
            } catch (NumberFormatException notSeconds) {
                try {
                    return ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                } catch (DateTimeParseException notADate) {
                    // fall through to the default
                }
            }
        }
        return now.plus(DEFAULT_RETRY_AFTER);
    }

    /** The request never got an answer. */
    private MonitorCallException noAnswer(IOException e) {
        String target = base.host() + ":" + base.port();
        if (e instanceof UnknownHostException) {
            return fail(Kind.UNREACHABLE, "cannot resolve host " + base.host() + " (DNS lookup failed)", 0, e);
        }
        if (e instanceof InterruptedIOException) {
            return timedOut(e);
        }
        if (e instanceof ConnectException) {
            return fail(Kind.UNREACHABLE, "connection refused by " + target, 0, e);
        }
        if (e instanceof SSLException) {
            return fail(Kind.UNREACHABLE, "TLS handshake with " + target + " failed: " + e.getMessage(), 0, e);
        }
        return fail(Kind.UNREACHABLE, "cannot reach " + target + ": " + e.getMessage(), 0, e);
    }

    private MonitorCallException timedOut(IOException e) {
        String limit = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        return fail(Kind.TIMEOUT, "no answer from " + base.host() + " within " + limit, 0, e);
    }

    private static MonitorCallException fail(Kind kind, String message, int status, Throwable cause) {
        return new MonitorCallException(kind, message, status, null, null, cause);
    }

    /** ": first words of the body" with markup removed, so an HTML error page reads as text. */
    static String excerpt(String body) {
        String text = body.replaceAll("(?is)<(script|style)\\b.*?</\\1>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "…" : text);
    }

    /** Stops the worker threads and drops pooled connections. */
    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
