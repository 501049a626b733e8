package io.watchfloor.model;

/**
 * A poll failed. The message is shown to the user as the source's last error, so it must say what
 * went wrong in operator terms and must never contain credentials.
 */
public class SourceException extends Exception {
    /**
     * Why the poll failed; AUTH moves the source to AUTH_FAILED, AUTH_EXPIRED (a credential that worked has run
     * out and was not refreshed) to AUTH_EXPIRED, everything else to DOWN.
     */
    public enum Kind { UNREACHABLE, TIMEOUT, HTTP, AUTH, AUTH_EXPIRED, MALFORMED, QUERY }

    private final Kind kind;

    public SourceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The failure to show when a poll made several requests and all failed: the one the operator can act on first
     * (a credential before an unreachable host, before a timeout, an HTTP error, a bad query, a bad answer).
     * Null when there is none.
     */
    public static SourceException mostTelling(Iterable<? extends SourceException> failures) {
        SourceException best = null;
        for (SourceException ex : failures) {
            if (best == null || MOST_TELLING_FIRST.indexOf(ex.kind()) < MOST_TELLING_FIRST.indexOf(best.kind())) {
                best = ex;
            }
        }
        return best;
    }

    private static final java.util.List<Kind> MOST_TELLING_FIRST = java.util.List.of(Kind.AUTH_EXPIRED, Kind.AUTH,
            Kind.UNREACHABLE, Kind.TIMEOUT, Kind.HTTP, Kind.QUERY, Kind.MALFORMED);
}
