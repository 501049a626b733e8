package io.watchfloor.sources.azure;

import io.watchfloor.model.SourceException;
import java.time.Instant;

/**
 * A failed metrics call, with what the source needs to decide whether it concerns one resource or the whole
 * source: the HTTP status (0 when no answer came), Resource Manager's error code and, for a throttled call, when
 * Azure allows the next one.
 */
final class MonitorCallException extends SourceException {
    static final String WRONG_TENANT = "InvalidAuthenticationTokenTenant";

    private final int status;
    private final String armCode;
    private final Instant retryAt;

    MonitorCallException(Kind kind, String message, int status, String armCode, Instant retryAt, Throwable cause) {
        super(kind, message, cause);
        this.status = status;
        this.armCode = armCode;
        this.retryAt = retryAt;
    }

    int status() {
        return status;
    }

    /** Not before this instant may the next call go out (HTTP 429 with Retry-After), else null. */
    Instant retryAt() {
        return retryAt;
    }

    /**
     * Whether this failure says nothing about other resources: a resource the identity may not read (403), a
     * subscription in another tenant than the token's (401 InvalidAuthenticationTokenTenant), a query Azure rejected
     * (400, 404) or an error of the service for that resource (5xx). Other token problems (401), throttling (429)
     * and an unreachable Resource Manager (no answer) concern every call.
     */
    boolean resourceScoped() {
        if (status == 401) {
            return WRONG_TENANT.equals(armCode);
        }
        return status != 0 && status != 429;
    }
}
