package io.watchfloor.model;

import java.time.Duration;

/**
 * A polled telemetry source. {@link #poll()} blocks and is only ever called from the poller
 * engine's worker threads, never concurrently for the same source, never on the FX thread.
 * Implementations enforce their own I/O timeouts; the engine adds a watchdog on top.
 */
public interface Source extends AutoCloseable {
    String id();

    /** The config type name ("prometheus", "demo", "local"). */
    String type();

    Duration interval();

    PollResult poll() throws SourceException;

    /**
     * The engine's worker lane: "sources" (metric sources, few and heavy) or "probe" (the console's own endpoint
     * probes, many and light). Each lane has its own bounded workers.
     */
    default String lane() {
        return LANE_SOURCES;
    }

    /**
     * What polling this source costs in money, for screens ("GetMetricData about $4.32 a month"), or null when it
     * costs nothing per request. Fixed at creation: it follows from the config.
     */
    default String costNote() {
        return null;
    }

    String LANE_SOURCES = "sources";
    String LANE_PROBE = "probe";

    @Override
    default void close() {
    }
}
