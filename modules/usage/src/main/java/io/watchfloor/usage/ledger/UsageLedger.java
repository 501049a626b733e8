package io.watchfloor.usage.ledger;

import io.watchfloor.cache.SharedDatabase;
import io.watchfloor.model.Reading;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The usage ledger in the cache's H2 file: per endpoint per minute usage and per GPU per hour use, kept
 * {@link #RETENTION} (the telemetry cache keeps 5-minute rollups only 7 days, too short for monthly reports).
 *
 * <p>Writes do not go through {@link SharedDatabase#durable}: like telemetry, a kill -9 may lose the last seconds,
 * and what was lost is a few minutes of usage, not something a person did. Live readings are integrated in
 * memory ({@link LiveUsage}) and written by {@link #flush} once their minute (hour) is over.
 *
 * <p>Thread-safety: every method that touches the live state is synchronized; reads are not (they use their own
 * pooled connection).
 */
public final class UsageLedger implements UsageHistory, AutoCloseable {
    public static final String MIGRATIONS = "classpath:db/usage";
    public static final String HISTORY_TABLE = "usage_schema_history";
    /** Two calendar months for month-over-month, plus slack. */
    public static final Duration RETENTION = Duration.ofDays(70);
    /** Late samples (a slow poll) still land in a minute that is not yet written. */
    static final long FLUSH_GRACE_MS = 120_000;
    static final int BULK_BATCH = 10_000;
    /** Retention scans the minutes (a few seconds at full size); once an hour is plenty for a 70-day horizon. */
    private static final long RETENTION_EVERY_MS = LiveUsage.HOUR_MS;

    private final SharedDatabase db;
    private final Clock clock;
    private final LiveUsage live;
    private long lastRetention = Long.MIN_VALUE;

    private UsageLedger(SharedDatabase db, Clock clock, Map<String, Long> cursors) {
        this.db = db;
        this.clock = clock;
        this.live = new LiveUsage(cursors);
    }

    /**
     * Brings the ledger's tables up to date and returns the ledger.
     *
     * @throws io.watchfloor.cache.CacheOpenException when a migration fails
     * @throws LedgerException when the stored cursors cannot be read
     */
    public static UsageLedger open(SharedDatabase db, Clock clock) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(clock, "clock");
        db.migrate(MIGRATIONS, HISTORY_TABLE, UsageLedger.class.getClassLoader());
        try {
            return new UsageLedger(db, clock, db.read(LedgerReads::cursors));
        } catch (SQLException e) {
            throw failed("cannot read the usage ledger in " + db.file(), e);
        }
    }

    /** Writes (replaces by endpoint and minute) finished minutes, in transactions of {@value #BULK_BATCH} rows. */
    public void writeMinutes(List<EndpointMinute> rows) {
        for (int i = 0; i < rows.size(); i += BULK_BATCH) {
            List<EndpointMinute> batch = rows.subList(i, Math.min(rows.size(), i + BULK_BATCH));
            transaction("cannot write usage minutes", c -> {
                LedgerWrites.replaceMinutes(c, batch);
                LedgerWrites.rollUpHours(c, batch);
            });
        }
    }

    /** Writes (replaces by tile and hour) finished GPU hours, in transactions of {@value #BULK_BATCH} rows. */
    public void writeGpuHours(List<GpuHour> rows) {
        for (int i = 0; i < rows.size(); i += BULK_BATCH) {
            List<GpuHour> batch = rows.subList(i, Math.min(rows.size(), i + BULK_BATCH));
            transaction("cannot write GPU hours", c -> LedgerWrites.replaceHours(c, batch));
        }
    }

    /** Integrates live readings (endpoint and GPU tiles; others are ignored) into the open minutes and hours. */
    public synchronized void add(Collection<Reading> readings) {
        for (Reading r : readings) {
            live.add(r);
        }
    }

    /** Writes the minutes and hours that ended more than two minutes before {@code now}, adding to stored rows. */
    public synchronized void flush(Instant now) {
        write(live.drain(now.toEpochMilli() - FLUSH_GRACE_MS));
    }

    /** Writes everything still in memory, open minutes and hours included (at close). */
    public synchronized void flushAll() {
        write(live.drain(Long.MAX_VALUE));
    }

    /** Deletes what is older than {@link #RETENTION}, cut at a whole hour (at most once an hour). */
    public synchronized void maintain(Instant now) {
        long nowMs = now.toEpochMilli();
        if (lastRetention != Long.MIN_VALUE && nowMs - lastRetention < RETENTION_EVERY_MS) {
            return;
        }
        long cut = nowMs - RETENTION.toMillis();
        // minutes go by whole hours too, so that an hour row never outlives some of its minutes
        long hourCut = Math.floorDiv(cut, LiveUsage.HOUR_MS) * LiveUsage.HOUR_MS;
        transaction("cannot apply the usage ledger's retention", c -> LedgerReads.deleteBefore(c, hourCut));
        lastRetention = nowMs;
    }

    /** Writes everything pending; the database itself belongs to the cache, which closes it. */
    @Override
    public void close() {
        flushAll();
    }

    @Override
    public Map<String, UsageSums> totals(Collection<String> endpointIds, Instant from, Instant to) {
        if (endpointIds.isEmpty() || !from.isBefore(to)) {
            return Map.of();
        }
        return read("cannot read usage totals",
                c -> LedgerReads.totals(c, endpointIds, from.toEpochMilli(), to.toEpochMilli()));
    }

    @Override
    public NavigableMap<Long, UsageSums> steps(Collection<String> endpointIds, Instant from, Instant to,
                                               long stepMillis) {
        if (stepMillis <= 0) {
            throw new IllegalArgumentException("step must be positive: " + stepMillis);
        }
        if (endpointIds.isEmpty() || !from.isBefore(to)) {
            return new TreeMap<>();
        }
        return read("cannot read usage steps",
                c -> LedgerReads.steps(c, endpointIds, from.toEpochMilli(), to.toEpochMilli(), stepMillis));
    }

    @Override
    public List<GpuHour> gpuHours(Collection<String> hosts, Instant from, Instant to) {
        if (hosts.isEmpty() || !from.isBefore(to)) {
            return List.of();
        }
        return read("cannot read GPU hours",
                c -> LedgerReads.gpuHours(c, hosts, from.toEpochMilli(), to.toEpochMilli()));
    }

    @Override
    public Map.Entry<Instant, Instant> span() {
        return read("cannot read the usage ledger's span", LedgerReads::span);
    }

    /** The clock the ledger was opened with (for callers that flush on their own schedule). */
    public Clock clock() {
        return clock;
    }

    private void write(LiveUsage.Drained d) {
        if (d.isEmpty()) {
            return;
        }
        try {
            db.read(c -> inTransaction(c, tx -> {
                LedgerWrites.addMinutes(tx, d.minutes());
                LedgerWrites.rollUpHours(tx, d.minutes());
                LedgerWrites.addHours(tx, d.hours());
                LedgerWrites.saveCursors(tx, d.cursors());
                return null;
            }));
        } catch (SQLException | RuntimeException e) {
            live.restore(d);
            throw e instanceof SQLException se ? failedIn("cannot write live usage", se) : (RuntimeException) e;
        }
    }

    @FunctionalInterface
    private interface TxWork {
        void run(Connection c) throws SQLException;
    }

    private void transaction(String what, TxWork work) {
        try {
            db.read(c -> inTransaction(c, tx -> {
                work.run(tx);
                return null;
            }));
        } catch (SQLException e) {
            throw failedIn(what, e);
        }
    }

    private <T> T read(String what, SharedDatabase.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw failedIn(what, e);
        }
    }

    /** One transaction on a pooled connection, which goes back to the pool in auto-commit either way. */
    private static <T> T inTransaction(Connection c, SharedDatabase.Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.apply(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private LedgerException failedIn(String what, SQLException e) {
        return failed(what + " in " + db.file(), e);
    }

    private static LedgerException failed(String what, SQLException e) {
        return new LedgerException(what + ": " + e.getMessage(), e);
    }
}
