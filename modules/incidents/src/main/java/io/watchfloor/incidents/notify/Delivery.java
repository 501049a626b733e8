package io.watchfloor.incidents.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchfloor.config.NotificationConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One HTTP attempt: the request for a stored message, and what the answer means. Slack answers 200 "ok" and
 * plain-text errors ("invalid_payload", "no_service"); Teams Workflows 202; PagerDuty 202 with a JSON status, and
 * 400 with {@code {"status":"invalid event","message":...,"errors":[...]}}.
 */
final class Delivery {
    static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    /** Enough of an error body to say what was wrong; the rest is not read. */
    static final int BODY_READ_MAX = 4096;
    static final int ERROR_SHOWN_MAX = 300;
    /** A server asking for longer than this is asked again after this. */
    static final Duration RETRY_AFTER_MAX = Duration.ofHours(1);

    private Delivery() {
    }

    /** The request for a stored message; for PagerDuty the routing key is added here, and only here. */
    static Request request(NotificationConfig channel, OutboxRow row) throws IOException {
        String body = row.payload();
        if (channel.kind() == NotificationConfig.Kind.PAGERDUTY) {
            ObjectNode stored = (ObjectNode) NotificationOutbox.JSON.readTree(body);
            body = NotificationOutbox.JSON.writeValueAsString(PagerDutyEvent.withRoutingKey(stored,
                    channel.routingKey()));
        }
        return new Request.Builder()
                .url(channel.url().toString())
                .header("User-Agent", "Watchfloor")
                .post(RequestBody.create(body, JSON_TYPE))
                .build();
    }

    /** What an answer means; reads at most {@link #BODY_READ_MAX} bytes of its body. */
    static Outcome judge(Response response, Instant now, Redactor redactor) throws IOException {
        int code = response.code();
        if (code >= 200 && code < 300) {
            return Outcome.DELIVERED;
        }
        String text = redactor.clean(describe(response));
        if (code == 408 || code == 429 || code >= 500) {
            return Outcome.retry(text, retryAfter(response.header("Retry-After"), now));
        }
        if (code >= 300 && code < 400) {
            return Outcome.giveUp(text + " (the URL redirects elsewhere; expected the webhook itself: check the "
                    + "channel's url)");
        }
        return Outcome.giveUp(text);
    }

    /** "HTTP 400: invalid_payload", "HTTP 400: Event object is invalid: 'payload.summary' is missing". */
    static String describe(Response response) throws IOException {
        String body = response.peekBody(BODY_READ_MAX).string().strip();
        String said = body.isEmpty() ? response.message() : errorText(body);
        String text = "HTTP " + response.code() + (said == null || said.isBlank() ? "" : ": " + said);
        return MessageFacts.cut(text.replaceAll("\\s+", " "), ERROR_SHOWN_MAX);
    }

    /** The human part of an error body: PagerDuty's message and errors, an {"error":{"message"}}, or the text. */
    private static String errorText(String body) {
        if (!body.startsWith("{")) {
            return body;
        }
        try {
            JsonNode json = NotificationOutbox.JSON.readTree(body);
            List<String> parts = new ArrayList<>();
            JsonNode error = json.path("error");
            if (error.isTextual()) {
                parts.add(error.asText());
            } else if (error.path("message").isTextual()) {
                parts.add(error.path("message").asText());
            }
            if (json.path("message").isTextual()) {
                parts.add(json.path("message").asText());
            }
            for (JsonNode e : json.path("errors")) {
                parts.add(e.isTextual() ? e.asText() : e.toString());
            }
            return parts.isEmpty() ? body : String.join(": ", parts);
        } catch (IOException e) {
            return body;
        }
    }

    /** A failed call (no answer): worth retrying, described without the URL. */
    static Outcome failed(IOException e, String host, Redactor redactor) {
        String text;
        if (e instanceof UnknownHostException) {
            text = "cannot resolve host " + host;
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            text = "cannot connect to " + host + " (" + e.getClass().getSimpleName() + ")";
        } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            text = "no answer from " + host + " in time (timeout)";
        } else if (e instanceof SSLException) {
            text = "TLS with " + host + " failed: " + e.getMessage();
        } else {
            text = "sending to " + host + " failed: " + e;
        }
        return Outcome.retry(MessageFacts.cut(redactor.clean(text), ERROR_SHOWN_MAX), null);
    }

    /** Retry-After as seconds or an HTTP date, kept between 1 s and {@link #RETRY_AFTER_MAX}; null if absent. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return d.compareTo(RETRY_AFTER_MAX) > 0 ? RETRY_AFTER_MAX : d;
    }
}
