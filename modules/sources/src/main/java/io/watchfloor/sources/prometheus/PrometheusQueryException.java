package io.watchfloor.sources.prometheus;

import io.watchfloor.model.SourceException;

/**
 * Prometheus answered {@code "status":"error"}: the message is {@code errorType: error}
 * (e.g. {@code bad_data: 1:5: parse error: ...}), which is what the operator needs to fix a query.
 */
public final class PrometheusQueryException extends SourceException {
    private final int httpStatus;
    private final String errorType;
    private final String error;

    public PrometheusQueryException(int httpStatus, String errorType, String error) {
        super(kindOf(errorType), errorType + ": " + error);
        this.httpStatus = httpStatus;
        this.errorType = errorType;
        this.error = error;
    }

    /** The server gave up on time or was unavailable: not the query's fault. */
    private static Kind kindOf(String errorType) {
        return switch (errorType) {
            case "timeout" -> Kind.TIMEOUT;
            case "unavailable", "internal" -> Kind.HTTP;
            default -> Kind.QUERY;
        };
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Prometheus' errorType: bad_data, execution, timeout, canceled, internal, unavailable, not_found, ... */
    public String errorType() {
        return errorType;
    }

    public String error() {
        return error;
    }
}
