package io.watchfloor.access.audit;

/** A recording could not be sealed or opened (wrong key, damaged bytes, unreadable key file). */
public final class RecordingException extends RuntimeException {
    public RecordingException(String message, Throwable cause) {
        super(message, cause);
    }

    public RecordingException(String message) {
        super(message);
    }
}
