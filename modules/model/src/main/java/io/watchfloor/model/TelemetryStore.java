package io.watchfloor.model;

import io.watchfloor.model.endpoint.AvailabilityObservation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The local cache as seen by the engine. Implemented by the H2 cache; an in-memory fake is
 * fine for tests. All methods may block on I/O: call them off the FX thread.
 */
public interface TelemetryStore extends AutoCloseable {

    /** Stores every metric of every reading as a sample and replaces the latest reading per tile. */
    void record(Collection<Reading> readings);

    /** The last known reading of every tile, with its original sampledAt (so ages are real after a restart). */
    List<Reading> latest();

    void recordSourceStatus(SourceStatus status);

    /** The last persisted status of every source (state, last error, last success). */
    List<SourceStatus> sourceStatuses();

    /** Samples of one series between from (inclusive) and to (inclusive), raw where kept, else rolled up. */
    Series series(String seriesKey, Instant from, Instant to);

    /**
     * Adds availability judgements of endpoints to the SLA ledger (see the cache's AvailabilityLedger). A store
     * that keeps no SLA history ignores them.
     */
    default void recordAvailability(List<AvailabilityObservation> observations) {
    }

    /** Applies retention and rollups; called periodically by the engine. */
    void maintain(Instant now);

    @Override
    void close();
}
