package io.watchfloor.cache;

import java.nio.file.Path;
import java.util.OptionalLong;

/** The data directory is in use by another Watchfloor; the cache file was not touched. */
public class CacheLockedException extends CacheOpenException {
    private static final long serialVersionUID = 1L;

    private final Long ownerPid;

    public CacheLockedException(Path dataDir, Long ownerPid, String message, Throwable cause) {
        super(Reason.LOCKED, dataDir, message, cause);
        this.ownerPid = ownerPid;
    }

    /** The process id of the holder when it could be told, else empty. */
    public OptionalLong ownerPid() {
        return ownerPid == null ? OptionalLong.empty() : OptionalLong.of(ownerPid);
    }
}
