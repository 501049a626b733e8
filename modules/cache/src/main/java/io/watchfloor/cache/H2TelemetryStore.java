package io.watchfloor.cache;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TelemetryStore;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.TileKind;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The telemetry cache in an embedded H2 file {@code <dataDir>/watchfloor.mv.db}, optionally AES-encrypted.
 *
 * <p>Write path: every {@link #record} commits one transaction that appends the samples to a journal
 * (one row per call) and upserts {@code latest_reading}; the samples also go to small in-memory per-series
 * buffers. About once a minute (and whenever the buffers hold {@value #MAX_BUFFERED} samples) the closed
 * 60 s windows are packed into {@code sample_blocks} rows and the journal is trimmed, in one transaction.
 * This keeps the number of B-tree pages a commit touches small, which is what makes H2 fast here
 * (docs/decisions/0002-cache-schema-and-rollups.md). After a crash the journal is replayed on open.
 *
 * <p>Threads: one writer at a time ({@link #record}, {@link #recordSourceStatus}, {@link #maintain} take a
 * lock); any number of readers ({@link #series}, {@link #latest}, {@link #sourceStatuses}) run concurrently
 * on pooled connections and never wait for the writer.
 *
 * <p>Source status times are stored with millisecond precision; {@code Reading.sampledAt} round-trips exactly.
 */
public final class H2TelemetryStore implements TelemetryStore {
    private static final Logger log = LoggerFactory.getLogger(H2TelemetryStore.class);

    static final String DB_NAME = "watchfloor";
    static final String DB_FILE = DB_NAME + ".mv.db";
    static final String OWNER_FILE = "watchfloor.owner";
    /** Raw samples are packed per series into windows of this length, aligned to the epoch. */
    static final long BLOCK_MS = 60_000;
    /** A window is packed this long after it ended, so slightly late samples still land in it. */
    static final long FLUSH_GRACE_MS = 10_000;
    /** Pack early when this many samples are buffered (back-fill, fast polling). */
    static final int MAX_BUFFERED = 262_144;
    /** Blocks rolled up per transaction in {@link #maintain}: at most 256 x 512 samples. */
    static final int ROLLUP_BATCH_BLOCKS = 256;
    /** Below this file size maintain() never compacts. */
    static final long COMPACT_MIN_BYTES = 64L << 20;

    private static final byte[] ENCRYPTED_HEADER = "H2encrypt\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] PLAIN_HEADER = "H:2,".getBytes(StandardCharsets.ISO_8859_1);
    private static final Set<Path> OPEN_DIRS = ConcurrentHashMap.newKeySet();

    private static final String SQL_SELECT_BLOCKS =
            "SELECT payload FROM sample_blocks WHERE series_id = ? AND first_ts >= ? AND first_ts <= ?"
                    + " AND last_ts >= ? ORDER BY first_ts, id";
    private static final String SQL_SELECT_ROLLUPS =
            "SELECT bucket_start, bucket_ms, sum_v, sample_count FROM rollups"
                    + " WHERE series_id = ? AND bucket_start >= ? AND bucket_start <= ? ORDER BY bucket_start";
    private static final String SQL_INSERT_BLOCK =
            "INSERT INTO sample_blocks (series_id, first_ts, last_ts, sample_count, payload) VALUES (?, ?, ?, ?, ?)";
    private static final String SQL_INSERT_JOURNAL =
            "INSERT INTO sample_journal (min_ts, max_ts, sample_count, payload) VALUES (?, ?, ?, ?)";
    private static final String LATEST_COLUMNS = "tile_kind, host, gpu, gpu_uuid, mig_instance, model, source_id,"
            + " sampled_at, sampled_nanos, metrics, flags";
    private static final String SQL_UPDATE_LATEST = "UPDATE latest_reading SET tile_kind = ?, host = ?, gpu = ?,"
            + " gpu_uuid = ?, mig_instance = ?, model = ?, source_id = ?, sampled_at = ?, sampled_nanos = ?,"
            + " metrics = ?, flags = ? WHERE tile_id = ?"
            + " AND (sampled_at < ? OR (sampled_at = ? AND sampled_nanos <= ?))";
    private static final String SQL_INSERT_LATEST = "INSERT INTO latest_reading (" + LATEST_COLUMNS
            + ", tile_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String STATUS_COLUMNS = "source_type, state, since_at, last_error, last_success_at,"
            + " last_attempt_at, consecutive_failures, interval_ms, next_poll_at";

    private final Path dataDir;
    private final Path dbFile;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final JdbcDataSource dataSource;
    private final char[] password;
    private final boolean encrypted;
    /** Replaced after a compaction; read it only while holding {@link #dbLock}. */
    private volatile JdbcConnectionPool pool;

    /** One writer at a time: record(), recordSourceStatus(), maintain() sections, close(). Taken before dbLock. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Shared by every database use; exclusive while the file is compacted or closed. */
    private final ReentrantReadWriteLock dbLock = new ReentrantReadWriteLock();
    /** Compact when the file is at least this big and more than half of it is garbage. */
    private volatile long compactMinBytes = COMPACT_MIN_BYTES;
    private final ConcurrentHashMap<String, Integer> seriesIds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, SeriesBuffer> buffers = new ConcurrentHashMap<>();
    /** Tile ids present in latest_reading; guarded by writeLock. */
    private final Set<String> knownTiles = new java.util.HashSet<>();
    /** Guarded by writeLock. */
    private long bufferedSamples;
    private long nextSizeFlushAt = MAX_BUFFERED;
    private long lastFlushCutoff = Long.MIN_VALUE;
    private volatile boolean closed;

    // ------------------------------------------------------------------------------------------ open

    /**
     * Opens (creating if needed) the cache in {@code dataDir}.
     *
     * @param encryptionKeyOrNull the AES key, or null for a plain file; the array is not kept or changed
     * @throws CacheLockedException when another Watchfloor (or another store in this JVM) holds the directory
     * @throws CacheOpenException   wrong or missing key, damaged file, unwritable directory, failed migration
     */
    public static H2TelemetryStore open(Path dataDir, RetentionPolicy policy, char[] encryptionKeyOrNull) {
        return open(dataDir, policy, encryptionKeyOrNull, Clock.systemUTC());
    }

    /** As {@link #open(Path, RetentionPolicy, char[])}, with the clock that decides when windows are packed. */
    public static H2TelemetryStore open(Path dataDir, RetentionPolicy policy, char[] encryptionKeyOrNull, Clock clock) {
        return open(dataDir, policy, encryptionKeyOrNull, clock, "");
    }

    /** For tests: {@code extraH2Settings} (";NAME=VALUE...") is appended to the H2 URL. */
    static H2TelemetryStore open(Path dataDir, RetentionPolicy policy, char[] encryptionKeyOrNull, Clock clock,
                                 String extraH2Settings) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        if (encryptionKeyOrNull != null && encryptionKeyOrNull.length == 0) {
            throw new IllegalArgumentException("the cache encryption key is empty");
        }
        Path dir;
        try {
            Files.createDirectories(dataDir);
            dir = dataDir.toRealPath();
        } catch (IOException e) {
            throw new CacheOpenException(CacheOpenException.Reason.IO, dataDir,
                    "cannot create the cache directory " + dataDir + ": " + e, e);
        }
        if (dir.toString().indexOf(';') >= 0) {
            throw new CacheOpenException(CacheOpenException.Reason.IO, dir,
                    "the cache directory " + dir + " contains ';', which H2 cannot take in a file name", null);
        }
        if (!OPEN_DIRS.add(dir)) {
            long pid = ProcessHandle.current().pid();
            throw new CacheLockedException(dir, pid, "data directory " + dir
                    + " is already open in this Watchfloor process (pid " + pid + ")", null);
        }
        try {
            return new H2TelemetryStore(dir, policy, encryptionKeyOrNull, clock, extraH2Settings);
        } catch (RuntimeException | Error e) {
            OPEN_DIRS.remove(dir);
            throw e;
        }
    }

    private H2TelemetryStore(Path dir, RetentionPolicy policy, char[] key, Clock clock, String extraH2Settings) {
        this.dataDir = dir;
        this.dbFile = dir.resolve(DB_FILE);
        this.policy = policy;
        this.clock = clock;
        boolean encrypted = key != null;
        this.encrypted = encrypted;
        checkFileHeader(dbFile, encrypted);

        this.password = encrypted ? filePassword(key) : new char[0];
        JdbcDataSource ds = new JdbcDataSource();
        this.dataSource = ds;
        ds.setURL("jdbc:h2:file:" + dir.resolve(DB_NAME)
                + (encrypted ? ";CIPHER=AES" : "")
                // our close() shuts the database down (after packing); no H2 shutdown hook
                + ";DB_CLOSE_ON_EXIT=FALSE"
                // no .trace.db beside the cache (it would be plain text next to an encrypted file); every
                // failure reaches the caller as a CacheException with a clear message instead
                + ";TRACE_LEVEL_FILE=0"
                + ";CACHE_SIZE=32768"
                + extraH2Settings);
        ds.setUser("watchfloor");
        ds.setPasswordChars(password);
        this.pool = newPool(ds);
        try {
            try (Connection c = pool.getConnection()) {
                c.isValid(1);
            } catch (SQLException e) {
                throw translateOpenError(e, encrypted);
            }
            migrate();
            try (Connection c = pool.getConnection()) {
                loadState(c);
            } catch (SQLException e) {
                throw new CacheOpenException(CacheOpenException.Reason.CORRUPT, dbFile,
                        "cannot read the cache file " + dbFile + ": " + e.getMessage(), e);
            }
            writeOwnerFile();
        } catch (RuntimeException | Error e) {
            shutdownQuietly();
            Arrays.fill(password, '\0');
            throw e;
        }
        log.info("Telemetry cache open: {} ({}, {} series, {} buffered samples replayed)",
                dbFile, encrypted ? "AES" : "not encrypted", seriesIds.size(), bufferedSamples);
    }

    private static JdbcConnectionPool newPool(JdbcDataSource ds) {
        JdbcConnectionPool p = JdbcConnectionPool.create(ds);
        p.setMaxConnections(8);
        return p;
    }

    private static void checkFileHeader(Path file, boolean keyGiven) {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new CacheOpenException(CacheOpenException.Reason.IO, file,
                    "cannot read the cache file " + file + ": " + e, e);
        }
        if (n == 0) {
            return; // empty file: H2 initialises it
        }
        boolean isEncrypted = startsWith(head, n, ENCRYPTED_HEADER);
        boolean isPlain = startsWith(head, n, PLAIN_HEADER);
        if (!isEncrypted && !isPlain) {
            throw new CacheOpenException(CacheOpenException.Reason.CORRUPT, file, "the cache file " + file
                    + " is damaged or is not a Watchfloor cache; move it away to start with an empty cache", null);
        }
        if (isEncrypted && !keyGiven) {
            throw new CacheOpenException(CacheOpenException.Reason.KEY_REQUIRED, file, "the cache file " + file
                    + " is encrypted, but no encryption key is configured; set the key it was created with,"
                    + " or move the file away to start with an empty cache", null);
        }
        if (isPlain && keyGiven) {
            throw new CacheOpenException(CacheOpenException.Reason.WRONG_KEY, file, "the cache file " + file
                    + " is not encrypted, but an encryption key is configured; move the file away (it is only a"
                    + " cache) to start an encrypted one, or remove the key setting", null);
        }
    }

    private static boolean startsWith(byte[] head, int n, byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * H2's file password (the part before the space; the user password after it is empty). Derived from the
     * key so that any characters (spaces included) work and the raw key is never handed to H2.
     */
    private static char[] filePassword(char[] key) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(key));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("watchfloor-cache-v1:".getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes.duplicate());
            byte[] digest = sha.digest();
            char[] out = new char[digest.length * 2 + 1];
            final char[] hex = "0123456789abcdef".toCharArray();
            for (int i = 0; i < digest.length; i++) {
                out[2 * i] = hex[(digest[i] >> 4) & 0xF];
                out[2 * i + 1] = hex[digest[i] & 0xF];
            }
            out[out.length - 1] = ' ';
            Arrays.fill(digest, (byte) 0);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        } finally {
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    private CacheOpenException translateOpenError(SQLException e, boolean keyGiven) {
        String h2 = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1 -> lockedBy(e);
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

    private CacheLockedException lockedBy(SQLException cause) {
        Long pid = null;
        try {
            for (String line : Files.readAllLines(dataDir.resolve(OWNER_FILE), StandardCharsets.UTF_8)) {
                if (line.startsWith("pid=")) {
                    long p = Long.parseLong(line.substring(4).trim());
                    if (ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)) {
                        pid = p;
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no owner file or unreadable: say what we know
        }
        String msg = pid != null
                ? "data directory " + dataDir + " is in use by another Watchfloor (pid " + pid + ");"
                + " close that one first, or give this one another data directory"
                : "data directory " + dataDir + " is in use by another process (the cache file " + dbFile
                + " is locked); close the other Watchfloor first, or give this one another data directory";
        return new CacheLockedException(dataDir, pid, msg, cause);
    }

    private void migrate() {
        try {
            Flyway.configure(H2TelemetryStore.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration/cache")
                    .table("cache_schema_history")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new CacheOpenException(CacheOpenException.Reason.SCHEMA, dbFile,
                    "cannot bring the cache schema in " + dbFile + " up to date: " + e.getMessage(), e);
        }
    }

    private void loadState(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, series_key FROM series")) {
                while (rs.next()) {
                    seriesIds.put(rs.getString(2), rs.getInt(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT tile_id FROM latest_reading")) {
                while (rs.next()) {
                    knownTiles.add(rs.getString(1));
                }
            }
            long[] replayed = {0};
            try (ResultSet rs = st.executeQuery("SELECT payload FROM sample_journal ORDER BY id")) {
                while (rs.next()) {
                    SampleCodec.decodeJournal(rs.getString(1), (series, ts, v) ->
                            replayed[0] += buffers.computeIfAbsent(series, k -> new SeriesBuffer()).add(ts, v));
                }
            }
            bufferedSamples = replayed[0];
        }
    }

    private void writeOwnerFile() {
        try {
            Files.writeString(dataDir.resolve(OWNER_FILE), "pid=" + ProcessHandle.current().pid()
                    + "\nopened=" + Instant.now() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("Cannot write {}: {}", dataDir.resolve(OWNER_FILE), e.toString());
        }
    }

    // ------------------------------------------------------------------------------------------ write

    private interface SqlFn<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs {@code fn} on a pooled connection while the database is available (shared lock). */
    private <T> T read(SqlFn<T> fn) throws SQLException {
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

    /** As {@link #read}, as the single writer. Lock order: writeLock, then dbLock. */
    private <T> T write(SqlFn<T> fn) throws SQLException {
        writeLock.lock();
        try {
            return read(fn);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void record(Collection<Reading> readings) {
        Objects.requireNonNull(readings, "readings");
        ensureOpen();
        if (readings.isEmpty()) {
            return;
        }
        try {
            write(c -> {
                doRecord(c, readings);
                return null;
            });
        } catch (SQLException e) {
            throw new CacheException("cannot write to the cache " + dbFile + ": " + e.getMessage(), e);
        }
    }

    private void doRecord(Connection c, Collection<Reading> readings) throws SQLException {
        // newest reading per tile for latest_reading; every reading's metrics become samples
        Map<String, Reading> newest = new LinkedHashMap<>();
        int sampleCount = 0;
        List<Reading> valid = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            if (r == null) {
                continue;
            }
            if (!fits(r)) {
                log.warn("Not caching a reading of tile {} from {}: a field is longer than the cache stores",
                        abbreviate(r.tileId()), abbreviate(r.sourceId()));
                continue;
            }
            valid.add(r);
            sampleCount += r.metrics().size();
            newest.merge(r.tileId(), r, (a, b) -> b.sampledAt().isBefore(a.sampledAt()) ? a : b);
        }
        if (valid.isEmpty()) {
            return;
        }

        int[] sid = new int[sampleCount];
        long[] ts = new long[sampleCount];
        double[] v = new double[sampleCount];
        String[] keys = new String[sampleCount];
        int n = 0;
        Set<String> missing = new LinkedHashSet<>();
        for (Reading r : valid) {
            long t = r.sampledAt().toEpochMilli();
            for (Map.Entry<Metric, Double> e : r.metrics().entrySet()) {
                String key = Series.key(r.tileId(), e.getKey());
                Integer id = seriesIds.get(key);
                if (id == null) {
                    missing.add(key);
                    id = -1;
                }
                keys[n] = key;
                sid[n] = id;
                ts[n] = t;
                v[n] = e.getValue();
                n++;
            }
        }
        if (!missing.isEmpty()) {
            createSeries(c, missing);
            for (int i = 0; i < n; i++) {
                if (sid[i] < 0) {
                    sid[i] = seriesIds.get(keys[i]);
                }
            }
        }

        List<String> inserted = new ArrayList<>();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ps = c.prepareStatement(SQL_INSERT_JOURNAL)) {
                for (int from = 0; from < n; from += SampleCodec.MAX_JOURNAL_SAMPLES) {
                    int to = Math.min(n, from + SampleCodec.MAX_JOURNAL_SAMPLES);
                    long min = Long.MAX_VALUE;
                    long max = Long.MIN_VALUE;
                    for (int i = from; i < to; i++) {
                        min = Math.min(min, ts[i]);
                        max = Math.max(max, ts[i]);
                    }
                    ps.setLong(1, min);
                    ps.setLong(2, max);
                    ps.setInt(3, to - from);
                    ps.setString(4, SampleCodec.encodeJournal(sid, ts, v, from, to));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            upsertLatest(c, newest.values(), inserted);
            c.commit();
            checkpoint(c);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        knownTiles.addAll(inserted);

        for (int i = 0; i < n; i++) {
            bufferedSamples += buffers.computeIfAbsent(sid[i], k -> new SeriesBuffer()).add(ts[i], v[i]);
        }
        long cutoff = flushCutoff(clock.millis());
        if (cutoff > lastFlushCutoff || bufferedSamples >= nextSizeFlushAt) {
            flush(c, cutoff);
        }
    }

    /**
     * Writes the committed state to the file now, so a process killed after record() returned loses nothing.
     * (H2 would otherwise write it within WRITE_DELAY, 500 ms; WRITE_DELAY=0 does the same per commit but
     * also stops H2's background thread, and with it the compaction that keeps the file small.)
     */
    private static void checkpoint(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    private static boolean fits(Reading r) {
        TileKey k = r.key();
        return r.tileId().length() <= 1000 && k.host().length() <= 512 && len(k.gpu()) <= 64
                && len(k.uuid()) <= 128 && len(k.migInstance()) <= 64 && len(r.model()) <= 512
                && r.sourceId().length() <= 512;
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Creates series rows in their own committed transaction and caches their ids. */
    private void createSeries(Connection c, Set<String> keys) throws SQLException {
        Map<String, Integer> found = new HashMap<>();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement sel = c.prepareStatement("SELECT id FROM series WHERE series_key = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO series (series_key) VALUES (?)",
                         Statement.RETURN_GENERATED_KEYS)) {
                for (String key : keys) {
                    sel.setString(1, key);
                    try (ResultSet rs = sel.executeQuery()) {
                        if (rs.next()) {
                            found.put(key, rs.getInt(1));
                            continue;
                        }
                    }
                    ins.setString(1, key);
                    ins.executeUpdate();
                    try (ResultSet rs = ins.getGeneratedKeys()) {
                        if (!rs.next()) {
                            throw new SQLException("no id generated for series " + key);
                        }
                        found.put(key, rs.getInt(1));
                    }
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        seriesIds.putAll(found);
    }

    private void upsertLatest(Connection c, Collection<Reading> newest, List<String> inserted) throws SQLException {
        try (PreparedStatement upd = c.prepareStatement(SQL_UPDATE_LATEST);
             PreparedStatement ins = c.prepareStatement(SQL_INSERT_LATEST)) {
            boolean anyUpdate = false;
            boolean anyInsert = false;
            for (Reading r : newest) {
                long ms = r.sampledAt().toEpochMilli();
                int nanos = r.sampledAt().getNano() % 1_000_000;
                PreparedStatement ps = knownTiles.contains(r.tileId()) ? upd : ins;
                TileKey k = r.key();
                ps.setString(1, k.kind().name());
                ps.setString(2, k.host());
                setNullable(ps, 3, k.gpu());
                setNullable(ps, 4, k.uuid());
                setNullable(ps, 5, k.migInstance());
                setNullable(ps, 6, r.model());
                ps.setString(7, r.sourceId());
                ps.setLong(8, ms);
                ps.setInt(9, nanos);
                ps.setString(10, ReadingCodec.encodeMetrics(r.metrics()));
                ps.setString(11, ReadingCodec.encodeFlags(r.flags()));
                ps.setString(12, r.tileId());
                if (ps == upd) {
                    // only replace an older reading: a slow source must not overwrite a newer one
                    upd.setLong(13, ms);
                    upd.setLong(14, ms);
                    upd.setInt(15, nanos);
                    anyUpdate = true;
                } else {
                    inserted.add(r.tileId());
                    anyInsert = true;
                }
                ps.addBatch();
            }
            if (anyUpdate) {
                upd.executeBatch();
            }
            if (anyInsert) {
                ins.executeBatch();
            }
        }
    }

    private static void setNullable(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }

    @Override
    public void recordSourceStatus(SourceStatus s) {
        Objects.requireNonNull(s, "status");
        Objects.requireNonNull(s.id(), "status.id");
        Objects.requireNonNull(s.state(), "status.state");
        ensureOpen();
        try {
            write(c -> {
                recordStatus(c, s);
                return null;
            });
        } catch (SQLException e) {
            throw new CacheException("cannot write a source status to the cache " + dbFile + ": " + e.getMessage(), e);
        }
    }

    private static void recordStatus(Connection c, SourceStatus s) throws SQLException {
        {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE source_status SET source_type = ?, state = ?,"
                    + " since_at = ?, last_error = ?, last_success_at = ?, last_attempt_at = ?,"
                    + " consecutive_failures = ?, interval_ms = ?, next_poll_at = ? WHERE id = ?")) {
                bindStatus(ps, s);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO source_status (" + STATUS_COLUMNS
                        + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bindStatus(ps, s);
                    ps.executeUpdate();
                }
            }
            checkpoint(c);
        }
    }

    private static void bindStatus(PreparedStatement ps, SourceStatus s) throws SQLException {
        setNullable(ps, 1, s.type());
        ps.setString(2, s.state().name());
        setMillis(ps, 3, s.since());
        String err = s.lastError();
        setNullable(ps, 4, err == null || err.length() <= 4000 ? err : err.substring(0, 3997) + "...");
        setMillis(ps, 5, s.lastSuccessAt());
        setMillis(ps, 6, s.lastAttemptAt());
        ps.setInt(7, s.consecutiveFailures());
        if (s.interval() == null) {
            ps.setNull(8, Types.BIGINT);
        } else {
            ps.setLong(8, s.interval().toMillis());
        }
        setMillis(ps, 9, s.nextPollAt());
        ps.setString(10, s.id());
    }

    private static void setMillis(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    // ------------------------------------------------------------------------------------------ packing

    /** Windows that ended at least {@link #FLUSH_GRACE_MS} before {@code nowMs} are closed. */
    private static long flushCutoff(long nowMs) {
        return Math.floorDiv(nowMs - FLUSH_GRACE_MS, BLOCK_MS) * BLOCK_MS;
    }

    /**
     * Packs every buffered sample older than {@code cutoff} into blocks and trims the journal, in one
     * transaction; then drops the packed samples from the buffers. Caller holds the write lock.
     */
    private void flush(Connection c, long cutoff) throws SQLException {
        Map<Integer, SampleList> taken = new HashMap<>();
        int blocks = 0;
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ins = c.prepareStatement(SQL_INSERT_BLOCK)) {
                for (Map.Entry<Integer, SeriesBuffer> e : buffers.entrySet()) {
                    SampleList s = e.getValue().copyBefore(cutoff);
                    if (s.size == 0) {
                        continue;
                    }
                    taken.put(e.getKey(), s);
                    int from = 0;
                    while (from < s.size) {
                        long windowEnd = Math.floorDiv(s.ts[from], BLOCK_MS) * BLOCK_MS + BLOCK_MS;
                        int to = from;
                        while (to < s.size && s.ts[to] < windowEnd && to - from < SampleCodec.MAX_BLOCK_SAMPLES) {
                            to++;
                        }
                        ins.setInt(1, e.getKey());
                        ins.setLong(2, s.ts[from]);
                        ins.setLong(3, s.ts[to - 1]);
                        ins.setInt(4, to - from);
                        ins.setString(5, SampleCodec.encodeBlock(s.ts, s.v, from, to));
                        ins.addBatch();
                        if (++blocks % 1024 == 0) {
                            ins.executeBatch();
                        }
                        from = to;
                    }
                }
                ins.executeBatch();
            }
            trimJournal(c, cutoff);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        for (Integer id : taken.keySet()) {
            SeriesBuffer b = buffers.get(id);
            if (b != null) {
                bufferedSamples -= b.removeBefore(cutoff);
            }
        }
        lastFlushCutoff = Math.max(lastFlushCutoff, cutoff);
        nextSizeFlushAt = bufferedSamples + MAX_BUFFERED;
        if (blocks > 0) {
            log.debug("Packed {} samples of {} series into {} blocks (cutoff {})",
                    taken.values().stream().mapToInt(s -> s.size).sum(), taken.size(), blocks,
                    Instant.ofEpochMilli(cutoff));
        }
    }

    /** Deletes journal rows whose samples are all packed; rewrites the few that straddle the cutoff. */
    private static void trimJournal(Connection c, long cutoff) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM sample_journal WHERE max_ts < ?")) {
            del.setLong(1, cutoff);
            del.executeUpdate();
        }
        List<Long> straddling = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        try (PreparedStatement sel = c.prepareStatement("SELECT id, payload FROM sample_journal WHERE min_ts < ?")) {
            sel.setLong(1, cutoff);
            try (ResultSet rs = sel.executeQuery()) {
                while (rs.next()) {
                    straddling.add(rs.getLong(1));
                    payloads.add(rs.getString(2));
                }
            }
        }
        if (straddling.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement(SQL_INSERT_JOURNAL);
             PreparedStatement del = c.prepareStatement("DELETE FROM sample_journal WHERE id = ?")) {
            for (int j = 0; j < straddling.size(); j++) {
                int[] cap = {0};
                SampleCodec.decodeJournal(payloads.get(j), (s, t, val) -> cap[0]++);
                int[] sid = new int[cap[0]];
                long[] ts = new long[cap[0]];
                double[] v = new double[cap[0]];
                int[] n = {0};
                SampleCodec.decodeJournal(payloads.get(j), (s, t, val) -> {
                    if (t >= cutoff) {
                        sid[n[0]] = s;
                        ts[n[0]] = t;
                        v[n[0]] = val;
                        n[0]++;
                    }
                });
                if (n[0] > 0) {
                    long min = Long.MAX_VALUE;
                    long max = Long.MIN_VALUE;
                    for (int i = 0; i < n[0]; i++) {
                        min = Math.min(min, ts[i]);
                        max = Math.max(max, ts[i]);
                    }
                    ins.setLong(1, min);
                    ins.setLong(2, max);
                    ins.setInt(3, n[0]);
                    ins.setString(4, SampleCodec.encodeJournal(sid, ts, v, 0, n[0]));
                    ins.addBatch();
                }
                del.setLong(1, straddling.get(j));
                del.addBatch();
            }
            ins.executeBatch();
            del.executeBatch();
        }
    }

    // ------------------------------------------------------------------------------------------ read

    @Override
    public List<Reading> latest() {
        ensureOpen();
        try {
            return read(this::readLatest);
        } catch (SQLException e) {
            throw new CacheException("cannot read the cache " + dbFile + ": " + e.getMessage(), e);
        }
    }

    private List<Reading> readLatest(Connection c) throws SQLException {
        List<Reading> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + LATEST_COLUMNS + ", tile_id FROM latest_reading ORDER BY tile_id")) {
            while (rs.next()) {
                String tileId = rs.getString(12);
                try {
                    TileKey key = new TileKey(TileKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5));
                    Instant at = Instant.ofEpochMilli(rs.getLong(8)).plusNanos(rs.getInt(9));
                    out.add(new Reading(key, rs.getString(6), rs.getString(7), at,
                            ReadingCodec.decodeMetrics(rs.getString(10),
                                    u -> log.debug("Ignoring unknown cached metric {} of {}", u, tileId)),
                            ReadingCodec.decodeFlags(rs.getString(11),
                                    u -> log.debug("Ignoring unknown cached flag {} of {}", u, tileId))));
                } catch (RuntimeException e) {
                    log.warn("Skipping an unreadable cached reading of tile {}: {}", tileId, e.toString());
                }
            }
        }
        return out;
    }

    @Override
    public List<SourceStatus> sourceStatuses() {
        ensureOpen();
        try {
            return read(H2TelemetryStore::readStatuses);
        } catch (SQLException e) {
            throw new CacheException("cannot read the cache " + dbFile + ": " + e.getMessage(), e);
        }
    }

    private static List<SourceStatus> readStatuses(Connection c) throws SQLException {
        List<SourceStatus> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + STATUS_COLUMNS + ", id FROM source_status ORDER BY id")) {
            while (rs.next()) {
                String id = rs.getString(10);
                try {
                    long interval = rs.getLong(8);
                    Duration iv = rs.wasNull() ? null : Duration.ofMillis(interval);
                    out.add(new SourceStatus(id, rs.getString(1), SourceState.valueOf(rs.getString(2)),
                            millis(rs, 3), rs.getString(4), millis(rs, 5), millis(rs, 6), rs.getInt(7), iv,
                            millis(rs, 9)));
                } catch (RuntimeException e) {
                    log.warn("Skipping an unreadable cached status of source {}: {}", id, e.toString());
                }
            }
        }
        return out;
    }

    private static Instant millis(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /**
     * Raw samples where kept; older parts as rollup buckets (one point per bucket: its average at its start
     * time). A bucket that overlaps raw samples in the result is left out, so each stretch of time is shown
     * at its best resolution.
     */
    @Override
    public Series series(String seriesKey, Instant from, Instant to) {
        Objects.requireNonNull(seriesKey, "seriesKey");
        ensureOpen();
        long f = toMillis(from);
        long t = toMillis(to);
        if (f > t) {
            return Series.EMPTY;
        }
        try {
            return read(c -> readSeries(c, seriesKey, f, t));
        } catch (SQLException e) {
            throw new CacheException("cannot read the cache " + dbFile + ": " + e.getMessage(), e);
        }
    }

    private Series readSeries(Connection c, String seriesKey, long f, long t) throws SQLException {
        {
            Integer id = seriesIds.get(seriesKey);
            if (id == null) {
                id = lookupSeries(c, seriesKey);
                if (id == null) {
                    return Series.EMPTY;
                }
            }
            // order matters: buffer first, then blocks, then rollups. Packing and rolling up move data in
            // that direction and commit before removing it from the source, so a read can see a sample
            // twice (removed below) but never miss it.
            SampleList buffered = new SampleList(16);
            SeriesBuffer b = buffers.get(id);
            if (b != null) {
                b.copyRange(f, t, buffered);
            }
            SampleList raw = new SampleList(4096);
            try (PreparedStatement ps = c.prepareStatement(SQL_SELECT_BLOCKS)) {
                ps.setInt(1, id);
                ps.setLong(2, f == Long.MIN_VALUE ? f : f - BLOCK_MS + 1);
                ps.setLong(3, t);
                ps.setLong(4, f);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SampleCodec.decodeBlock(rs.getString(1), f, t, raw);
                    }
                }
            }
            raw.ensure(buffered.size);
            for (int i = 0; i < buffered.size; i++) {
                raw.add(buffered.ts[i], buffered.v[i]);
            }
            raw.sortDedupKeepLast();

            SampleList rolled = new SampleList(16);
            try (PreparedStatement ps = c.prepareStatement(SQL_SELECT_ROLLUPS)) {
                ps.setInt(1, id);
                ps.setLong(2, f);
                ps.setLong(3, t);
                try (ResultSet rs = ps.executeQuery()) {
                    int j = 0;
                    while (rs.next()) {
                        long start = rs.getLong(1);
                        long end = start + rs.getLong(2);
                        while (j < raw.size && raw.ts[j] < start) {
                            j++;
                        }
                        if (j < raw.size && raw.ts[j] < end) {
                            continue; // raw samples cover (part of) this bucket
                        }
                        int count = rs.getInt(4);
                        if (count > 0) {
                            rolled.add(start, rs.getDouble(3) / count);
                        }
                    }
                }
            }
            return merge(rolled, raw);
        }
    }

    private Integer lookupSeries(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM series WHERE series_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private static Series merge(SampleList a, SampleList b) {
        if (a.size == 0) {
            return new Series(Arrays.copyOf(b.ts, b.size), Arrays.copyOf(b.v, b.size));
        }
        long[] ts = new long[a.size + b.size];
        double[] v = new double[ts.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.size || j < b.size) {
            if (j >= b.size || (i < a.size && a.ts[i] < b.ts[j])) {
                ts[k] = a.ts[i];
                v[k++] = a.v[i++];
            } else {
                ts[k] = b.ts[j];
                v[k++] = b.v[j++];
            }
        }
        return new Series(ts, v);
    }

    private static long toMillis(Instant t) {
        Objects.requireNonNull(t, "instant");
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    // ------------------------------------------------------------------------------------------ maintenance

    /**
     * Packs closed windows, rolls raw samples older than the raw retention into buckets, deletes buckets
     * older than the rollup retention, forgets tiles not seen within the rollup retention and series with no
     * data left. Works series by series in short transactions (at most {@value #ROLLUP_BATCH_BLOCKS} blocks
     * each), so record() never waits long. Idempotent.
     */
    @Override
    public void maintain(Instant now) {
        Objects.requireNonNull(now, "now");
        ensureOpen();
        long nowMs = toMillis(now);
        long step = policy.stepMillis();
        long align = lcm(step, BLOCK_MS);
        if (align > Duration.ofDays(1).toMillis()) {
            align = step;
        }
        long packCutoff = flushCutoff(nowMs);
        long rawCutoff = Math.floorDiv(Math.min(nowMs - policy.rawMillis(), packCutoff), align) * align;
        long rollupCutoff = Math.floorDiv(nowMs - policy.rollupRetentionMillis(), step) * step;
        long started = System.nanoTime();
        int[] stats = new int[3];
        try {
            write(c -> {
                if (packCutoff > lastFlushCutoff || bufferedSamples > 0) {
                    flush(c, packCutoff);
                }
                return null;
            });
            List<Integer> ids = read(c -> {
                List<Integer> out = new ArrayList<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT id FROM series ORDER BY id")) {
                    while (rs.next()) {
                        out.add(rs.getInt(1));
                    }
                }
                return out;
            });
            for (int id : ids) {
                stats[0] += rollUp(id, rawCutoff, step);
                stats[1] += write(c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "DELETE FROM rollups WHERE series_id = ? AND bucket_start < ?")) {
                        ps.setInt(1, id);
                        ps.setLong(2, rollupCutoff);
                        return ps.executeUpdate();
                    }
                });
            }
            stats[2] = write(c -> forgetStale(c, nowMs - policy.rollupRetentionMillis()));
            compactIfFragmented();
        } catch (SQLException e) {
            throw new CacheException("cache maintenance failed on " + dbFile + ": " + e.getMessage(), e);
        }
        log.debug("Cache maintenance: {} samples rolled up, {} buckets expired, {} series forgotten in {} ms",
                stats[0], stats[1], stats[2], (System.nanoTime() - started) / 1_000_000);
    }

    /** Rolls the blocks of one series older than {@code rawCutoff} into buckets; returns the samples rolled. */
    private int rollUp(int seriesId, long rawCutoff, long step) throws SQLException {
        int total = 0;
        while (true) {
            int[] result = write(c -> {
                int[] r = {0, 0};
                c.setAutoCommit(false);
                try {
                    rollUpBatch(c, seriesId, rawCutoff, step, r);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                return r;
            });
            total += result[1];
            if (result[0] < ROLLUP_BATCH_BLOCKS) {
                return total;
            }
        }
    }

    /**
     * H2 reuses free space, but under this insert/delete churn it leaves many chunks mostly empty and the file
     * creeps up (docs/decisions/0002). When more than half of a file of at least {@link #compactMinBytes} is
     * garbage, rewrite it with SHUTDOWN COMPACT and reopen. Writers and readers wait meanwhile (about a second
     * per 100 MB of live data).
     */
    private void compactIfFragmented() throws SQLException {
        long[] sizes = read(H2TelemetryStore::fileAndLiveBytes);
        if (sizes[0] < compactMinBytes || sizes[1] * 2 > sizes[0]) {
            return;
        }
        writeLock.lock();
        dbLock.writeLock().lock();
        try {
            ensureOpen();
            long started = System.nanoTime();
            shutdown("SHUTDOWN COMPACT");
            pool = newPool(dataSource);
            try (Connection c = pool.getConnection()) {
                c.isValid(1);
            } catch (SQLException e) {
                // e.g. another process took the file in the moment it was unlocked
                closed = true;
                pool.dispose();
                OPEN_DIRS.remove(dataDir);
                throw translateOpenError(e, encrypted);
            }
            long after = fileSize();
            log.info("Compacted the cache {}: {} MB -> {} MB in {} ms", dbFile, String.format("%.1f", sizes[0] / 1e6),
                    String.format("%.1f", after / 1e6), (System.nanoTime() - started) / 1_000_000);
        } finally {
            dbLock.writeLock().unlock();
            writeLock.unlock();
        }
    }

    /** {file size, estimated live bytes} from H2's store statistics. */
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

    /** For tests: the file size from which maintain() may compact. */
    void compactMinBytes(long bytes) {
        compactMinBytes = bytes;
    }

    private void rollUpBatch(Connection c, int seriesId, long rawCutoff, long step, int[] result) throws SQLException {
        List<Long> blockIds = new ArrayList<>();
        SampleList samples = new SampleList(1024);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, payload FROM sample_blocks"
                + " WHERE series_id = ? AND first_ts < ? ORDER BY first_ts, id FETCH FIRST "
                + ROLLUP_BATCH_BLOCKS + " ROWS ONLY")) {
            ps.setInt(1, seriesId);
            ps.setLong(2, rawCutoff);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    blockIds.add(rs.getLong(1));
                    SampleCodec.decodeBlock(rs.getString(2), Long.MIN_VALUE, Long.MAX_VALUE, samples);
                }
            }
        }
        result[0] = blockIds.size();
        if (blockIds.isEmpty()) {
            return;
        }
        samples.sortDedupKeepLast();
        result[1] = samples.size;
        TreeMap<Long, double[]> buckets = new TreeMap<>(); // start -> {min, max, sum, count}
        for (int i = 0; i < samples.size; i++) {
            long start = Math.floorDiv(samples.ts[i], step) * step;
            double x = samples.v[i];
            double[] a = buckets.get(start);
            if (a == null) {
                buckets.put(start, new double[] {x, x, x, 1});
            } else {
                a[0] = Math.min(a[0], x);
                a[1] = Math.max(a[1], x);
                a[2] += x;
                a[3] += 1;
            }
        }
        Set<Long> existing = new java.util.HashSet<>();
        if (!buckets.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT bucket_start, min_v, max_v, sum_v, sample_count"
                    + " FROM rollups WHERE series_id = ? AND bucket_start >= ? AND bucket_start <= ?")) {
                ps.setInt(1, seriesId);
                ps.setLong(2, buckets.firstKey());
                ps.setLong(3, buckets.lastKey());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double[] a = buckets.get(rs.getLong(1));
                        if (a != null) {
                            existing.add(rs.getLong(1));
                            a[0] = Math.min(a[0], rs.getDouble(2));
                            a[1] = Math.max(a[1], rs.getDouble(3));
                            a[2] += rs.getDouble(4);
                            a[3] += rs.getInt(5);
                        }
                    }
                }
            }
        }
        try (PreparedStatement upd = c.prepareStatement("UPDATE rollups SET min_v = ?, max_v = ?, sum_v = ?,"
                + " sample_count = ?, bucket_ms = ? WHERE series_id = ? AND bucket_start = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO rollups (min_v, max_v, sum_v, sample_count,"
                     + " bucket_ms, series_id, bucket_start) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement del = c.prepareStatement("DELETE FROM sample_blocks WHERE id = ?")) {
            boolean anyUpd = false;
            boolean anyIns = false;
            for (Map.Entry<Long, double[]> e : buckets.entrySet()) {
                boolean isUpdate = existing.contains(e.getKey());
                PreparedStatement ps = isUpdate ? upd : ins;
                double[] a = e.getValue();
                ps.setDouble(1, a[0]);
                ps.setDouble(2, a[1]);
                ps.setDouble(3, a[2]);
                ps.setInt(4, (int) a[3]);
                ps.setLong(5, step);
                ps.setInt(6, seriesId);
                ps.setLong(7, e.getKey());
                ps.addBatch();
                anyUpd |= isUpdate;
                anyIns |= !isUpdate;
            }
            if (anyUpd) {
                upd.executeBatch();
            }
            if (anyIns) {
                ins.executeBatch();
            }
            for (long id : blockIds) {
                del.setLong(1, id);
                del.addBatch();
            }
            del.executeBatch();
        }
    }

    /** Forgets latest readings older than {@code before} and series without any data; returns series forgotten. */
    private int forgetStale(Connection c, long before) throws SQLException {
        List<String> staleTiles = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tile_id FROM latest_reading WHERE sampled_at < ?")) {
            ps.setLong(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    staleTiles.add(rs.getString(1));
                }
            }
        }
        if (!staleTiles.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM latest_reading WHERE sampled_at < ?")) {
                ps.setLong(1, before);
                ps.executeUpdate();
            }
            staleTiles.forEach(knownTiles::remove);
        }
        Map<Integer, String> empty = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT s.id, s.series_key FROM series s"
                + " WHERE NOT EXISTS (SELECT 1 FROM sample_blocks b WHERE b.series_id = s.id)"
                + " AND NOT EXISTS (SELECT 1 FROM rollups r WHERE r.series_id = s.id)")) {
            while (rs.next()) {
                SeriesBuffer b = buffers.get(rs.getInt(1));
                if (b == null || b.size() == 0) {
                    empty.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        if (empty.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM series WHERE id = ?")) {
            for (int id : empty.keySet()) {
                ps.setInt(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        empty.forEach((id, key) -> {
            seriesIds.remove(key, id);
            buffers.remove(id);
        });
        return empty.size();
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long r = x % y;
            x = y;
            y = r;
        }
        return a / x * b;
    }

    // ------------------------------------------------------------------------------------------ close

    /**
     * Packs closed windows and shuts the database down (H2 compacts the file for up to 200 ms). Samples of the
     * open window stay in the journal and are replayed on the next open. Safe to call twice.
     */
    @Override
    public void close() {
        writeLock.lock();
        dbLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try (Connection c = pool.getConnection()) {
                long cutoff = flushCutoff(clock.millis());
                if (cutoff > lastFlushCutoff) {
                    flush(c, cutoff);
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("Could not pack buffered samples at close (they stay in the journal): {}", e.toString());
            }
            try {
                shutdown("SHUTDOWN");
            } catch (SQLException e) {
                log.warn("Shutdown of {} failed: {}", dbFile, e.toString());
            }
            try {
                Files.deleteIfExists(dataDir.resolve(OWNER_FILE));
            } catch (IOException e) {
                log.debug("Cannot delete {}: {}", dataDir.resolve(OWNER_FILE), e.toString());
            }
            Arrays.fill(password, '\0');
            OPEN_DIRS.remove(dataDir);
            log.info("Telemetry cache closed: {}", dbFile);
        } finally {
            dbLock.writeLock().unlock();
            writeLock.unlock();
        }
    }

    /**
     * Closes the pool and runs {@code command} ("SHUTDOWN", "SHUTDOWN COMPACT") on a connection of its own,
     * so that no pooled connection is left pointing at a closed database.
     */
    private void shutdown(String command) throws SQLException {
        try (Connection direct = dataSource.getConnection()) {
            pool.dispose();
            try (Statement st = direct.createStatement()) {
                st.execute(command);
            }
        } finally {
            pool.dispose();
        }
    }

    private void shutdownQuietly() {
        try {
            shutdown("SHUTDOWN");
        } catch (SQLException e) {
            log.debug("Shutdown of {}: {}", dbFile, e.toString());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new CacheException("the cache " + dbFile + " is closed");
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("Rollback failed: {}", e.toString());
        }
    }

    /** The data directory (real path). */
    public Path dataDir() {
        return dataDir;
    }

    /** A pooled connection, for tests that inspect tables. */
    Connection connectionForTests() throws SQLException {
        ensureOpen();
        return pool.getConnection(); // tests close it before maintain() or close()
    }

    /** Samples journaled but not yet packed into blocks (for tests and diagnostics). */
    long bufferedSamples() {
        writeLock.lock();
        try {
            return bufferedSamples;
        } finally {
            writeLock.unlock();
        }
    }
}
