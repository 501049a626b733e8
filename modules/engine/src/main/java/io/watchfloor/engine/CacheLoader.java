package io.watchfloor.engine;

import io.watchfloor.model.Charts;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the wall needs at cold start: latest readings, source statuses and the charted series of every tile.
 *
 * <p>This is on the path to the first frame (<= 2.5 s with 256 tiles), so the per-tile series reads, the only
 * part that grows with the wall, are spread over a few worker threads in chunks; everything else is one query.
 * Readings of sources that are no longer configured are left out: nothing would ever refresh or expire them.
 * A store that fails here is logged and treated as empty: the console must open without its cache.
 */
final class CacheLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CacheLoader.class);
    private static final int MIN_CHUNK = 16;

    record Loaded(List<Reading> readings, Map<String, Series> history, Map<String, SourceStatus> statuses) {
    }

    private CacheLoader() {
    }

    static Loaded load(TelemetryStore store, Set<String> sourceIds, Instant now, Duration window, int parallelism,
                       Executor executor) {
        List<Reading> readings = new ArrayList<>();
        Map<String, SourceStatus> statuses = new ConcurrentHashMap<>();
        try {
            for (Reading r : store.latest()) {
                if (sourceIds.contains(r.sourceId())) {
                    readings.add(r);
                }
            }
            for (SourceStatus s : store.sourceStatuses()) {
                if (sourceIds.contains(s.id())) {
                    statuses.put(s.id(), s);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not read the cache; starting without last known state", e);
            return new Loaded(List.of(), Map.of(), Map.of());
        }
        Map<String, Series> history = new ConcurrentHashMap<>();
        Instant from = now.minus(window);
        int chunks = Math.max(1, Math.min(parallelism, readings.size() / MIN_CHUNK));
        int per = (readings.size() + chunks - 1) / chunks;
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int start = 0; start < readings.size(); start += per) {
            List<Reading> chunk = readings.subList(start, Math.min(readings.size(), start + per));
            Runnable task = () -> readSeries(store, chunk, from, now, history);
            if (start + per >= readings.size()) {
                task.run(); // the caller does the last chunk itself instead of idling
            } else {
                pending.add(runAsync(task, executor));
            }
        }
        pending.forEach(CompletableFuture::join);
        return new Loaded(readings, history, statuses);
    }

    private static CompletableFuture<Void> runAsync(Runnable task, Executor executor) {
        try {
            return CompletableFuture.runAsync(task, executor);
        } catch (RejectedExecutionException busy) {
            task.run();
            return CompletableFuture.completedFuture(null);
        }
    }

    private static void readSeries(TelemetryStore store, List<Reading> chunk, Instant from, Instant to,
                                   Map<String, Series> into) {
        for (Reading r : chunk) {
            for (Metric m : Charts.metrics(r.key().kind())) {
                String key = Series.key(r.tileId(), m);
                try {
                    Series s = store.series(key, from, to);
                    if (s != null && s.size() > 0) {
                        into.put(Charts.key(r.key(), m), s);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("could not read sparkline {} from the cache", key, e);
                }
            }
        }
    }
}
