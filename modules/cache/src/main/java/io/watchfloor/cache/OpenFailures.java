package io.watchfloor.cache;

import org.h2.api.ErrorCode;

import java.nio.file.Path;
import java.sql.SQLException;

/** Turns H2's errors at open into one sentence for the operator that names the file and says what to do. */
final class OpenFailures {
    private OpenFailures() {
    }

    static CacheOpenException translate(SQLException e, boolean keyGiven, DataDirectory dir) {
        Path dbFile = dir.dbFile();
        String h2 = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1 -> dir.lockedBy(e);
            case ErrorCode.FILE_ENCRYPTION_ERROR_1, ErrorCode.WRONG_USER_OR_PASSWORD -> keyGiven
                    ? new CacheOpenException(CacheOpenException.Reason.WRONG_KEY, dbFile, "the cache file " + dbFile
                    + " is encrypted with a different key; configure the key it was created with, or move the file"
                    + " away to start with an empty cache", e)
                    : new CacheOpenException(CacheOpenException.Reason.CORRUPT, dbFile, "the cache file " + dbFile
                    + " was not created by Watchfloor (its credentials do not match); move it away", e);
            case ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1, ErrorCode.GENERAL_ERROR_1 ->
                    new CacheOpenException(CacheOpenException.Reason.CORRUPT, dbFile, "the cache file " + dbFile
                            + " is damaged or unreadable (" + h2 + "); move it away to start with an empty cache", e);
            default -> new CacheOpenException(CacheOpenException.Reason.IO, dbFile,
                    "cannot open the cache file " + dbFile + ": " + h2, e);
        };
    }
}
