package io.watchfloor.cache;

/** A failure of the local cache, with a message meant for the user (never contains the key). */
public class CacheException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CacheException(String message) {
        super(message);
    }

    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
