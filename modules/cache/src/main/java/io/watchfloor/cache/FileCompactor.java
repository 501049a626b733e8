package io.watchfloor.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the file near its live size. H2 reuses free space, but under the cache's insert/delete churn its
 * online housekeeping leaves many chunks mostly empty and the file creeps up; only SHUTDOWN COMPACT brought it
 * back (docs/decisions/0002). So when more than half of a file of at least {@link #minBytes} is garbage, the
 * database is compacted and reopened; writers and readers wait meanwhile (about a second per 100 MB of live
 * data).
 */
final class FileCompactor {
    private static final Logger log = LoggerFactory.getLogger(FileCompactor.class);

    /** Below this file size the file is never compacted. */
    static final long COMPACT_MIN_BYTES = 64L << 20;

    private final CacheDatabase db;
    private final Path dbFile;
    private volatile long minBytes = COMPACT_MIN_BYTES;

    FileCompactor(CacheDatabase db, Path dbFile) {
        this.db = db;
        this.dbFile = dbFile;
    }

    /** For tests: the file size from which maintain() may compact. */
    void minBytes(long bytes) {
        minBytes = bytes;
    }

    void compactIfFragmented() throws SQLException {
        long[] sizes = db.read(FileCompactor::fileAndLiveBytes);
        if (sizes[0] < minBytes || sizes[1] * 2 > sizes[0]) {
            return;
        }
        db.exclusively(() -> {
            long started = System.nanoTime();
            db.shutdownAndReopen("SHUTDOWN COMPACT");
            log.info("Compacted the cache {}: {} MB -> {} MB in {} ms", dbFile, String.format("%.1f", sizes[0] / 1e6),
                    String.format("%.1f", fileSize() / 1e6), (System.nanoTime() - started) / 1_000_000);
        });
    }

    /** {file size, estimated live bytes} from H2's store statistics (H2-only SQL). */
    private static long[] fileAndLiveBytes(Connection c) throws SQLException {
        Map<String, Long> info = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT SETTING_NAME, SETTING_VALUE"
                + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN"
                + " ('info.FILE_SIZE', 'info.FILL_RATE', 'info.CHUNKS_FILL_RATE')")) {
            while (rs.next()) {
                try {
                    info.put(rs.getString(1), Long.parseLong(rs.getString(2).trim()));
                } catch (NumberFormatException ignored) {
                    // not a number in this H2 version: leave it out
                }
            }
        }
        long file = info.getOrDefault("info.FILE_SIZE", 0L);
        long live = file * info.getOrDefault("info.FILL_RATE", 100L) / 100
                * info.getOrDefault("info.CHUNKS_FILL_RATE", 100L) / 100;
        return new long[] {file, live};
    }

    private long fileSize() {
        try {
            return Files.size(dbFile);
        } catch (IOException e) {
            return -1;
        }
    }
}
