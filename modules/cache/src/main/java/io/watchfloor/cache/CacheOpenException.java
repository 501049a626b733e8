package io.watchfloor.cache;

import java.nio.file.Path;
import java.util.Objects;

/** The cache could not be opened; {@link #reason()} says why and {@link #file()} names the file or directory. */
public class CacheOpenException extends CacheException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Another process (or another store in this process) holds the data directory. */
        LOCKED,
        /** The file is encrypted with a different key. */
        WRONG_KEY,
        /** The file is encrypted but no key was given. */
        KEY_REQUIRED,
        /** The file is not a readable H2 database (damaged, truncated, or not ours). */
        CORRUPT,
        /** The directory or file cannot be created, read or written. */
        IO,
        /** The schema could not be brought up to date. */
        SCHEMA
    }

    private final Reason reason;
    private final transient Path file;

    public CacheOpenException(Reason reason, Path file, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.file = file;
    }

    public Reason reason() {
        return reason;
    }

    public Path file() {
        return file;
    }
}
