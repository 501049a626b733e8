package io.watchfloor.sources.prometheus;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a source's short-lived bearer tokens come from (Google application-default credentials in production, a
 * fake in tests). {@link PrometheusClient} caches the token and asks for a new one ahead of its expiry, always on
 * the thread that sends the query, never on an HTTP callback thread: fetching may block on a token endpoint.
 */
@FunctionalInterface
public interface TokenSupplier {

    /**
     * @param value     the token, sent as {@code Authorization: Bearer value}
     * @param expiresAt when it stops working, null when unknown (then it is used until the server rejects it)
     */
    record BearerToken(String value, Instant expiresAt) {
        public BearerToken {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "BearerToken[***, expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A fresh token, fetched now. Blocking.
     *
     * @throws IOException with an operator-readable message (what failed and what to do) when none can be had
     */
    BearerToken fetch() throws IOException;
}
