package io.watchfloor.sources.prometheus;

import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current bearer token of one client, renewed ahead of its expiry so no query goes out with a token about to
 * run out. A failed renewal while the old token still has time left is not an error: the old one is used and the
 * next poll tries again. Only once no valid token is left does the failure surface: AUTH when no token was ever
 * obtained (no credentials, refused credentials), AUTH_EXPIRED when one worked before. A failed fetch is not
 * repeated for a few seconds: a poll sends dozens of queries, and looking for credentials may mean probing the
 * metadata server each time.
 */
final class TokenCache {
    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);
    /** Renew this long before expiry (Google access tokens live an hour), or at half the life of shorter tokens. */
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    /** Shorter than any poll interval, so each poll tries once. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final TokenSupplier supplier;
    private final Clock clock;
    private TokenSupplier.BearerToken current;
    private Instant fetchedAt;
    /** Every token handed out recently, so a server echoing one can be masked. */
    private final List<String> recent = new ArrayList<>();
    private boolean everObtained;
    private SourceException lastFailure;
    private Instant failedAt;

    TokenCache(TokenSupplier supplier, Clock clock) {
        this.supplier = supplier;
        this.clock = clock;
    }

    /** A token good for the next request; fetches (blocking) when there is none or it is due for renewal. */
    synchronized String token() throws SourceException {
        Instant now = clock.instant();
        if (current != null && !dueForRenewal(now)) {
            return current.value();
        }
        if (failedAt != null && now.isBefore(failedAt.plus(RETRY_AFTER))) {
            if (stillValid(now)) {
                return current.value();
            }
            throw new SourceException(lastFailure.kind(), lastFailure.getMessage(), lastFailure.getCause());
        }
        try {
            TokenSupplier.BearerToken fresh = supplier.fetch();
            if (fresh == null || fresh.value().isBlank()) {
                throw new IOException("the credential gave no access token");
            }
            current = fresh;
            fetchedAt = now;
            everObtained = true;
            failedAt = null;
            remember(fresh.value());
            return fresh.value();
        } catch (IOException | RuntimeException e) {
            failedAt = now;
            String detail = e.getMessage() == null ? e.toString() : e.getMessage();
            lastFailure = everObtained
                    ? new SourceException(Kind.AUTH_EXPIRED, "the access token expired and could not be renewed: "
                            + detail, e)
                    : new SourceException(Kind.AUTH, detail, e);
            if (stillValid(now)) {
                // the message may quote the token endpoint's answer, never the token itself
                LOG.warn("renewing the access token failed, using the current one until {}: {}",
                        current.expiresAt(), e.getMessage());
                return current.value();
            }
            current = null;
            throw lastFailure;
        }
    }

    private boolean stillValid(Instant now) {
        return current != null && (current.expiresAt() == null || now.isBefore(current.expiresAt()));
    }

    /** The server rejected the token: fetch a new one for the next request instead of waiting for its expiry. */
    synchronized void reject() {
        current = null;
    }

    /** Tokens handed out lately (current and the one before), for masking in messages. */
    synchronized List<String> recentTokens() {
        return List.copyOf(recent);
    }

    private boolean dueForRenewal(Instant now) {
        Instant expiry = current.expiresAt();
        if (expiry == null) {
            return false;
        }
        Duration life = Duration.between(fetchedAt, expiry);
        Duration ahead = life.dividedBy(2).compareTo(REFRESH_AHEAD) < 0 ? life.dividedBy(2) : REFRESH_AHEAD;
        return !now.isBefore(expiry.minus(ahead));
    }

    private void remember(String token) {
        recent.remove(token);
        recent.add(token);
        while (recent.size() > 2) {
            recent.removeFirst();
        }
    }
}
