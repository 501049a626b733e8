package io.watchfloor.usage.ledger;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.SharedDatabase;
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
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The H2 telemetry cache that also feeds the usage ledger: every call goes to the cache first, then the ledger
 * gets the readings ({@link #record}), writes finished minutes and applies its retention ({@link #maintain}), and
 * writes what it still holds ({@link #close}).
 *
 * <p>The ledger is a by-product: a ledger failure never reaches the caller, so telemetry, alerts and the wall keep
 * working. It is logged once per distinct message (a broken ledger table would otherwise log every poll).
 */
public final class UsageRecordingStore implements TelemetryStore, AvailabilityHistory {
    private static final Logger log = LoggerFactory.getLogger(UsageRecordingStore.class);
    /** Distinct failures remembered for logging once; past this many, each new one is logged (rare by then). */
    private static final int MAX_REMEMBERED = 100;

    private final H2TelemetryStore cache;
    private final UsageLedger ledger;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public UsageRecordingStore(H2TelemetryStore cache, UsageLedger ledger) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.ledger = ledger;
    }

    /**
     * Opens the ledger on the cache's database and wraps the cache. When the ledger cannot be opened (its migration
     * failed), the store records telemetry without it and {@link #ledger()} is null; the reason is logged.
     */
    public static UsageRecordingStore wrap(H2TelemetryStore cache, Clock clock) {
        UsageLedger ledger = null;
        try {
            ledger = UsageLedger.open(cache.database(), clock);
        } catch (RuntimeException e) {
            log.warn("Usage ledger unavailable, usage reports will have no data from this run: {}", e.getMessage());
        }
        return new UsageRecordingStore(cache, ledger);
    }

    /**
     * Writes everything the ledger still holds in memory, the minute in progress included (a later flush adds to
     * it). For an owner that closes the cache itself rather than through {@link #close()}.
     */
    public void flushLedger() {
        if (ledger != null) {
            guarded(ledger::flushAll);
        }
    }

    /** The ledger, for usage reports; null when it could not be opened. */
    public UsageLedger ledger() {
        return ledger;
    }

    public H2TelemetryStore cache() {
        return cache;
    }

    public SharedDatabase database() {
        return cache.database();
    }

    public Path dataDir() {
        return cache.dataDir();
    }

    @Override
    public void record(Collection<Reading> readings) {
        cache.record(readings);
        if (ledger != null) {
            guarded(() -> ledger.add(readings));
        }
    }

    @Override
    public List<Reading> latest() {
        return cache.latest();
    }

    @Override
    public void recordSourceStatus(SourceStatus status) {
        cache.recordSourceStatus(status);
    }

    @Override
    public List<SourceStatus> sourceStatuses() {
        return cache.sourceStatuses();
    }

    @Override
    public Series series(String seriesKey, Instant from, Instant to) {
        return cache.series(seriesKey, from, to);
    }

    @Override
    public void recordAvailability(List<AvailabilityObservation> observations) {
        cache.recordAvailability(observations);
    }

    @Override
    public List<AvailabilitySegment> segments(String endpointId, Instant from, Instant to) {
        return cache.segments(endpointId, from, to);
    }

    @Override
    public void maintain(Instant now) {
        cache.maintain(now);
        if (ledger != null) {
            guarded(() -> ledger.flush(now));
            guarded(() -> ledger.maintain(now));
        }
    }

    /** Writes what the ledger still holds while the database is open, then closes the cache. */
    @Override
    public void close() {
        try {
            flushLedger();
        } finally {
            cache.close();
        }
    }

    private void guarded(Runnable ledgerWork) {
        try {
            ledgerWork.run();
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (logged.size() >= MAX_REMEMBERED || logged.add(message)) {
                log.warn("Usage ledger: {} (telemetry is still recorded; reported once per distinct problem)",
                        message, e);
            }
        }
    }
}
