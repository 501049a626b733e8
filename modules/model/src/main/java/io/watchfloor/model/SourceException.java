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
}
