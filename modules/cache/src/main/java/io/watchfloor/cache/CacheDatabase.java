package io.watchfloor.cache;

import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The embedded H2 database behind the cache: its settings, a pool for readers, and the two locks.
 *
 * <p>Locks: one writer at a time ({@link #write}); readers ({@link #read}) share the database and never wait for
 * the writer. {@link #exclusively} (compaction, close) waits for both and runs alone. Lock order: the write
 * lock, then the database lock.
 */
final class CacheDatabase {
    private static final Logger log = LoggerFactory.getLogger(CacheDatabase.class);

    /**
     * How long committed changes may stay in memory before H2's background writer puts them in the file
     * (H2's WRITE_DELAY, MVStore's auto-commit delay). Each save appends a chunk holding every B-tree page
     * changed since the last one, so at one record() a second the pages that every call rewrites
     * (latest_reading, the journal's tail) are written once per period instead of once per call
     * (docs/decisions/0002). A kill -9 loses at most about this much; the file stays consistent, since
     * MVStore writes whole chunks and rolls back what was not committed.
     */
    static final int WRITE_DELAY_MS = 10_000;
    private static final int POOL_SIZE = 8;

    private final DataDirectory dir;
    private final boolean encrypted;
    private final char[] password;
    private final JdbcDataSource dataSource;
    /** Replaced after a compaction; read it only while holding {@link #dbLock}. */
    private volatile JdbcConnectionPool pool;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Shared by every database use; exclusive while the file is compacted or closed. */
    private final ReentrantReadWriteLock dbLock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private CacheDatabase(DataDirectory dir, char[] keyOrNull, String extraH2Settings) {
        this.dir = dir;
        this.encrypted = keyOrNull != null;
        this.password = encrypted ? FileEncryption.filePassword(keyOrNull) : new char[0];
        this.dataSource = new JdbcDataSource();
        dataSource.setURL(url(dir, encrypted, extraH2Settings));
        dataSource.setUser("watchfloor");
        dataSource.setPasswordChars(password);
        this.pool = newPool(dataSource);
    }

    /**
     * Opens the database file and checks that it can be used.
     *
     * @param extraH2Settings for tests, {@code ";NAME=VALUE..."}: added to the URL, replacing a default of ours
     * @throws CacheOpenException (or CacheLockedException) naming the file; nothing is left open then
     */
    static CacheDatabase connect(DataDirectory dir, char[] keyOrNull, String extraH2Settings) {
        CacheDatabase db = new CacheDatabase(dir, keyOrNull, extraH2Settings);
        try (Connection c = db.pool.getConnection()) {
            c.isValid(1);
        } catch (SQLException e) {
            db.abandon();
            throw OpenFailures.translate(e, db.encrypted, dir);
        } catch (RuntimeException | Error e) {
            db.abandon();
            throw e;
        }
        return db;
    }

    private static String url(DataDirectory dir, boolean encrypted, String extraH2Settings) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (encrypted) {
            settings.put("CIPHER", "AES");
        }
        // our close() packs and then shuts the database down; no H2 shutdown hook
        settings.put("DB_CLOSE_ON_EXIT", "FALSE");
        // no .trace.db beside the cache (it would be plain text next to an encrypted file); every failure
        // reaches the caller as a CacheException with a clear message instead
        settings.put("TRACE_LEVEL_FILE", "0");
        settings.put("CACHE_SIZE", "32768");
        settings.put("WRITE_DELAY", Integer.toString(WRITE_DELAY_MS));
        // LZF on every page H2 writes: the Base64 payloads compress well. Disk writes per record() of 256 GPUs
        // at 1 Hz fell from 33 to 22 KB and the file by about a third, for about 0.5 ms more at the sparkline
        // p99 (still under 2 ms) and a few percent of ingest. Files written without it open fine, and the
        // other way round (each page says how it is stored).
        settings.put("COMPRESS", "TRUE");
        for (String s : extraH2Settings.split(";")) {
            int eq = s.indexOf('=');
            if (eq > 0) {
                settings.put(s.substring(0, eq).trim().toUpperCase(Locale.ROOT), s.substring(eq + 1).trim());
            }
        }
        StringBuilder url = new StringBuilder("jdbc:h2:file:").append(dir.dbName());
        settings.forEach((k, v) -> url.append(';').append(k).append('=').append(v));
        return url.toString();
    }

    private static JdbcConnectionPool newPool(JdbcDataSource ds) {
        JdbcConnectionPool p = JdbcConnectionPool.create(ds);
        p.setMaxConnections(POOL_SIZE);
        return p;
    }

    /** For Flyway, during open only (before any other thread can see the store). */
    DataSource migrationDataSource() {
        return pool;
    }

    /** Runs {@code fn} on a pooled connection while the database is available (shared lock). */
    <T> T read(Jdbc.SqlFn<T> fn) throws SQLException {
        dbLock.readLock().lock();
        try {
            ensureOpen();
            try (Connection c = pool.getConnection()) {
                return fn.apply(c);
            }
        } finally {
            dbLock.readLock().unlock();
        }
    }

    /** As {@link #read}, as the single writer. */
    <T> T write(Jdbc.SqlFn<T> fn) throws SQLException {
        writeLock.lock();
        try {
            return read(fn);
        } finally {
            writeLock.unlock();
        }
    }

    /** As {@link #write}, in one transaction. */
    <T> T writeTransaction(Jdbc.SqlFn<T> fn) throws SQLException {
        return write(c -> Jdbc.inTransaction(c, fn));
    }

    /** Runs {@code fn} holding the writer's lock, without a connection (for the writer's in-memory state). */
    <T> T asWriter(Supplier<T> fn) {
        writeLock.lock();
        try {
            return fn.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code action} with no reader or writer active. */
    void exclusively(Jdbc.SqlAction action) throws SQLException {
        writeLock.lock();
        dbLock.writeLock().lock();
        try {
            ensureOpen();
            action.run();
        } finally {
            dbLock.writeLock().unlock();
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code command} ("SHUTDOWN COMPACT") and opens the file again. Call inside {@link #exclusively}.
     * If the file cannot be opened again (another process took it in the moment it was unlocked), the store
     * is closed and the reason is thrown.
     */
    void shutdownAndReopen(String command) throws SQLException {
        shutdown(command);
        pool = newPool(dataSource);
        try (Connection c = pool.getConnection()) {
            c.isValid(1);
        } catch (SQLException e) {
            closed = true;
            pool.dispose();
            dir.releaseClaimOnly();
            throw OpenFailures.translate(e, encrypted, dir);
        }
    }

    /**
     * Closes the database once: runs {@code finalWork} (packing) on a pooled connection, then shuts down.
     * Returns false when it was closed already.
     */
    boolean close(Jdbc.SqlFn<?> finalWork) {
        writeLock.lock();
        dbLock.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            try (Connection c = pool.getConnection()) {
                finalWork.apply(c);
            } catch (SQLException | RuntimeException e) {
                log.warn("Could not pack buffered samples at close (they stay in the journal): {}", e.toString());
            }
            try {
                shutdown("SHUTDOWN");
            } catch (SQLException e) {
                log.warn("Shutdown of {} failed: {}", dir.dbFile(), e.toString());
            }
            dir.release();
            Arrays.fill(password, '\0');
            return true;
        } finally {
            dbLock.writeLock().unlock();
            writeLock.unlock();
        }
    }

    /** After a failed open: shuts down what was opened, without a word unless debugging. */
    void abandon() {
        closed = true;
        try {
            shutdown("SHUTDOWN");
        } catch (SQLException e) {
            log.debug("Shutdown of {}: {}", dir.dbFile(), e.toString());
        }
        Arrays.fill(password, '\0');
    }

    /**
     * Shuts the database down in the one order that H2 takes without complaint. A pooled connection rolls back
     * when it is closed; after SHUTDOWN that rollback fails and H2 logs "Database is already closed" at ERROR
     * with a stack trace. So: (1) a connection of our own, outside the pool, keeps the database open (H2 closes
     * it with its last connection); (2) the pool is disposed, which closes every pooled connection while the
     * database is still open (all are idle: callers hold the exclusive lock, or nothing else was started);
     * (3) SHUTDOWN runs on our connection, which is closed last and, being closed already, has nothing to roll
     * back.
     */
    private void shutdown(String command) throws SQLException {
        JdbcConnectionPool p = pool;
        Connection own;
        try {
            own = dataSource.getConnection();
        } catch (SQLException e) {
            p.dispose(); // e.g. the file is locked: nothing to shut down, but let the pool go
            throw e;
        }
        try (own) {
            int active = p.getActiveConnections();
            if (active > 0) {
                // a connection that was never given back: closing it after SHUTDOWN would make H2 log an error
                log.warn("{} pooled connection(s) of {} still in use at shutdown", active, dir.dbFile());
            }
            // once, and before SHUTDOWN: H2 2.5's dispose() closes whatever is idle each time it is called
            p.dispose();
            try (Statement st = own.createStatement()) {
                st.execute(command);
            }
        }
    }

    void ensureOpen() {
        if (closed) {
            throw new CacheException("the cache " + dir.dbFile() + " is closed");
        }
    }

    /** A pooled connection, for tests that inspect tables; they close it before maintain() or close(). */
    Connection connectionForTests() throws SQLException {
        ensureOpen();
        return pool.getConnection();
    }
}
