package io.watchfloor.cache;

import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TelemetryStore;
import io.watchfloor.model.endpoint.AvailabilityHistory;
import io.watchfloor.model.endpoint.AvailabilityObservation;
import io.watchfloor.model.endpoint.AvailabilitySegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The telemetry cache in an embedded H2 file {@code <dataDir>/watchfloor.mv.db}, optionally AES-encrypted.
 * This class only opens, delegates and closes; docs/decisions/0002-cache-schema-and-rollups.md explains the
 * design and its parts:
 * <ul>
 *   <li>{@link DataDirectory}, {@link FileEncryption}, {@link OpenFailures}: claiming the directory, checking
 *       the file before H2 sees it, and one clear sentence when it cannot be opened;</li>
 *   <li>{@link CacheDatabase}: H2 settings, the reader pool, the writer and database locks, shutdown;</li>
 *   <li>{@link SchemaMigration}: Flyway;</li>
 *   <li>{@link ReadingRecorder}, {@link SampleJournal}, {@link BlockPacker}: the write path (journal, per-series
 *       buffers, packing closed 60 s windows into blocks);</li>
 *   <li>{@link SeriesReader}, {@link LatestReadings}, {@link SourceStatuses}, {@link SeriesRegistry}: the
 *       tables and reads;</li>
 *   <li>{@link AvailabilityLedger}: the SLA ledger (availability segments per endpoint,
 *       docs/decisions/0005);</li>
 *   <li>{@link RetentionMaintenance}, {@link FileCompactor}: rollups, retention and file size.</li>
 * </ul>
 *
 * <p>Threads: one writer at a time ({@link #record}, {@link #recordSourceStatus}, {@link #recordAvailability},
 * {@link #maintain}); any number of readers ({@link #series}, {@link #latest}, {@link #sourceStatuses},
 * {@link #segments}) run concurrently on pooled
 * connections and never wait for the writer, except during a compaction.
 *
 * <p>Durability: a commit reaches the file within {@link CacheDatabase#WRITE_DELAY_MS} ms, so a {@code kill -9}
 * loses at most the last few seconds; the file stays consistent. Source status times are stored with
 * millisecond precision; {@code Reading.sampledAt} round-trips exactly.
 */
public final class H2TelemetryStore implements TelemetryStore, AvailabilityHistory {
    private static final Logger log = LoggerFactory.getLogger(H2TelemetryStore.class);

    static final String DB_FILE = DataDirectory.DB_FILE;

    private final DataDirectory dir;
    private final CacheDatabase db;
    private final Clock clock;
    private final SeriesRegistry seriesIds = new SeriesRegistry();
    private final BlockPacker packer = new BlockPacker();
    private final LatestReadings latest = new LatestReadings();
    private final ReadingRecorder recorder;
    private final AvailabilityLedger ledger = new AvailabilityLedger();
    private final SeriesReader reader;
    private final FileCompactor compactor;
    private final RetentionMaintenance maintenance;
    private final SharedDatabase shared;

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

    /** For tests: {@code extraH2Settings} (";NAME=VALUE...") go into the H2 URL, replacing our defaults. */
    static H2TelemetryStore open(Path dataDir, RetentionPolicy policy, char[] encryptionKeyOrNull, Clock clock,
                                 String extraH2Settings) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        if (encryptionKeyOrNull != null && encryptionKeyOrNull.length == 0) {
            throw new IllegalArgumentException("the cache encryption key is empty");
        }
        DataDirectory dir = DataDirectory.claim(dataDir);
        try {
            FileEncryption.checkHeader(dir.dbFile(), encryptionKeyOrNull != null);
            CacheDatabase db = CacheDatabase.connect(dir, encryptionKeyOrNull, extraH2Settings);
            try {
                return new H2TelemetryStore(dir, db, policy, clock, encryptionKeyOrNull != null);
            } catch (RuntimeException | Error e) {
                db.abandon();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            dir.releaseClaimOnly();
            throw e;
        }
    }

    private H2TelemetryStore(DataDirectory dir, CacheDatabase db, RetentionPolicy policy, Clock clock,
                             boolean encrypted) {
        this.dir = dir;
        this.db = db;
        this.clock = clock;
        this.recorder = new ReadingRecorder(seriesIds, packer, latest, clock);
        this.reader = new SeriesReader(seriesIds, packer);
        this.compactor = new FileCompactor(db, dir.dbFile());
        this.maintenance = new RetentionMaintenance(db, policy, seriesIds, packer, latest, ledger, compactor);
        this.shared = new SharedDatabase(db, dir.dbFile());
        SchemaMigration.migrate(db.migrationDataSource(), dir.dbFile());
        try {
            db.write(c -> {
                seriesIds.load(c);
                latest.load(c);
                packer.replay(c);
                return null;
            });
        } catch (SQLException e) {
            throw new CacheOpenException(CacheOpenException.Reason.CORRUPT, dir.dbFile(),
                    "cannot read the cache file " + dir.dbFile() + ": " + e.getMessage(), e);
        }
        dir.writeOwner();
        log.info("Telemetry cache open: {} ({}, {} series, {} buffered samples replayed)",
                dir.dbFile(), encrypted ? "AES" : "not encrypted", seriesIds.size(), packer.bufferedSamples());
    }

    @Override
    public void record(Collection<Reading> readings) {
        Objects.requireNonNull(readings, "readings");
        db.ensureOpen();
        if (readings.isEmpty()) {
            return;
        }
        try {
            db.write(c -> {
                recorder.record(c, readings);
                return null;
            });
        } catch (SQLException e) {
            throw new CacheException("cannot write to the cache " + dir.dbFile() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Reading> latest() {
        db.ensureOpen();
        try {
            return db.read(latest::read);
        } catch (SQLException e) {
            throw readFailed(e);
        }
    }

    @Override
    public void recordSourceStatus(SourceStatus s) {
        Objects.requireNonNull(s, "status");
        Objects.requireNonNull(s.id(), "status.id");
        Objects.requireNonNull(s.state(), "status.state");
        db.ensureOpen();
        try {
            db.write(c -> {
                SourceStatuses.write(c, s);
                return null;
            });
        } catch (SQLException e) {
            throw new CacheException("cannot write a source status to the cache " + dir.dbFile() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<SourceStatus> sourceStatuses() {
        db.ensureOpen();
        try {
            return db.read(SourceStatuses::read);
        } catch (SQLException e) {
            throw readFailed(e);
        }
    }

    /**
     * Adds the observations to the SLA ledger in one transaction (rules in {@link AvailabilityLedger}). Null
     * entries, observations covering no time and endpoint ids longer than the column are skipped.
     */
    @Override
    public void recordAvailability(List<AvailabilityObservation> observations) {
        Objects.requireNonNull(observations, "observations");
        db.ensureOpen();
        if (observations.isEmpty()) {
            return;
        }
        try {
            db.write(c -> {
                ledger.record(c, observations);
                return null;
            });
        } catch (SQLException e) {
            throw new CacheException("cannot write availability to the cache " + dir.dbFile() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Times are kept to the millisecond. The newest segment may end after {@code to} (see AvailabilitySegment). */
    @Override
    public List<AvailabilitySegment> segments(String endpointId, Instant from, Instant to) {
        Objects.requireNonNull(endpointId, "endpointId");
        db.ensureOpen();
        long f = Jdbc.toMillis(from);
        long t = Jdbc.toMillis(to);
        try {
            return db.read(c -> AvailabilityLedger.read(c, endpointId, f, t));
        } catch (SQLException e) {
            throw readFailed(e);
        }
    }

    /** Raw samples where kept, older parts as rollup buckets (see {@link SeriesReader}). */
    @Override
    public Series series(String seriesKey, Instant from, Instant to) {
        Objects.requireNonNull(seriesKey, "seriesKey");
        db.ensureOpen();
        long f = Jdbc.toMillis(from);
        long t = Jdbc.toMillis(to);
        if (f > t) {
            return Series.EMPTY;
        }
        try {
            return db.read(c -> reader.read(c, seriesKey, f, t));
        } catch (SQLException e) {
            throw readFailed(e);
        }
    }

    /** Packing, rollups, retention (of availability segments too), compaction ({@link RetentionMaintenance}). */
    @Override
    public void maintain(Instant now) {
        Objects.requireNonNull(now, "now");
        db.ensureOpen();
        try {
            maintenance.run(Jdbc.toMillis(now));
        } catch (SQLException e) {
            throw new CacheException("cache maintenance failed on " + dir.dbFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Packs closed windows and shuts the database down (H2 compacts the file for up to 200 ms). Samples of the
     * open window stay in the journal and are replayed on the next open. Safe to call twice.
     */
    @Override
    public void close() {
        if (db.close(c -> {
            packer.packAtClose(c, clock.millis());
            return null;
        })) {
            log.info("Telemetry cache closed: {}", dir.dbFile());
        }
    }

    private CacheException readFailed(SQLException e) {
        return new CacheException("cannot read the cache " + dir.dbFile() + ": " + e.getMessage(), e);
    }

    /** The database, for other modules' own tables (incidents, audit). */
    public SharedDatabase database() {
        return shared;
    }

    /** The data directory (real path). */
    public Path dataDir() {
        return dir.path();
    }

    /** A pooled connection, for tests that inspect tables (they close it before maintain() or close()). */
    Connection connectionForTests() throws SQLException {
        return db.connectionForTests();
    }

    /** Samples journaled but not yet packed into blocks (for tests and diagnostics). */
    long bufferedSamples() {
        return db.asWriter(packer::bufferedSamples);
    }

    /** For tests: the file size from which maintain() may compact. */
    void compactMinBytes(long bytes) {
        compactor.minBytes(bytes);
    }
}
