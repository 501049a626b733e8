package io.watchfloor.engine;

import io.watchfloor.model.Charts;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.WallSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's in-memory picture of the wall: the latest reading and bounded sparklines per tile (see {@link Charts}).
 *
 * <p>Why tiles expire: a GPU that was decommissioned (or a MIG layout that changed) stops appearing in its
 * source's results, and without a rule its last reading would haunt the wall, and this map, forever. A tile is
 * dropped when its source answers healthily (UP or DEGRADED) and the tile has been missing from its answers for
 * longer than {@code tileExpiry} (10 min by default: long enough to ride out a flapping exporter or a partial
 * DEGRADED answer). A source that is DOWN never drops anything: its tiles stay, shown stale with their age,
 * which is exactly what the NOC needs to see. Tiles restored from the cache count as seen at load time, so they
 * get the same grace after a restart.
 *
 * <p>All methods are synchronized: merges come from worker threads and the watchdog, and each published snapshot
 * must be a consistent cut. Work under the lock is O(tiles) with no I/O.
 */
final class WallState {
    private final int maxPoints;
    private final long windowMillis;
    private final Duration tileExpiry;
    private final Map<String, Tile> tiles = new LinkedHashMap<>();

    private static final class Tile {
        Reading reading;
        Instant lastSeen;
        /** One ring per charted metric ({@link Charts#metrics}), created on first value; most tiles have one. */
        final Map<Metric, SparklineRing> rings = new EnumMap<>(Metric.class);
    }

    WallState(EngineSettings settings) {
        this.maxPoints = settings.maxSparklinePoints();
        this.windowMillis = settings.sparklineWindow().toMillis();
        this.tileExpiry = settings.tileExpiry();
    }

    private SparklineRing ring(Tile t, Metric m) {
        return t.rings.computeIfAbsent(m, x -> newRing());
    }

    /**
     * Adds what the cache knew, for tiles no poll has filled yet (live data always wins). History points go
     * through the ring, which down-samples them.
     */
    synchronized void seed(Collection<Reading> readings, Map<String, Series> history, Instant now) {
        for (Reading r : readings) {
            if (tiles.containsKey(r.tileId())) {
                continue;
            }
            Tile t = new Tile();
            t.reading = r;
            t.lastSeen = now;
            for (Metric m : Charts.metrics(r.key().kind())) {
                Series s = history.get(Charts.key(r.key(), m));
                if (s != null) {
                    SparklineRing ring = ring(t, m);
                    for (int i = 0; i < s.size(); i++) {
                        ring.add(s.times()[i], s.values()[i]);
                    }
                }
            }
            tiles.put(r.tileId(), t);
        }
    }

    /**
     * Takes in one poll's readings of a source.
     *
     * @param healthy whether the poll answered (UP/DEGRADED); only then can missing tiles expire
     * @return how many tiles were dropped as expired
     */
    synchronized int merge(String sourceId, List<Reading> readings, boolean healthy, Instant now) {
        Set<String> seen = new HashSet<>();
        for (Reading r : readings) {
            Tile t = tiles.computeIfAbsent(r.tileId(), id -> new Tile());
            t.reading = r;
            t.lastSeen = now;
            seen.add(r.tileId());
            for (Metric m : Charts.metrics(r.key().kind())) {
                Double v = r.value(m);
                if (v != null) {
                    ring(t, m).add(r.sampledAt().toEpochMilli(), v);
                }
            }
        }
        if (!healthy) {
            return 0;
        }
        int dropped = 0;
        Instant cutoff = now.minus(tileExpiry);
        for (Iterator<Map.Entry<String, Tile>> it = tiles.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Tile> e = it.next();
            Tile t = e.getValue();
            if (sourceId.equals(t.reading.sourceId()) && !seen.contains(e.getKey()) && t.lastSeen.isBefore(cutoff)) {
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    synchronized WallSnapshot snapshot(Instant now, List<SourceStatus> sources) {
        List<Reading> readings = new ArrayList<>(tiles.size());
        Map<String, Series> sparklines = new HashMap<>();
        tiles.forEach((id, t) -> {
            readings.add(t.reading);
            t.rings.forEach((m, ring) -> {
                if (ring.size() > 0) {
                    sparklines.put(Charts.key(id, t.reading.key().kind(), m), ring.toSeries());
                }
            });
        });
        return new WallSnapshot(now, sources, readings, sparklines);
    }

    synchronized int tileCount() {
        return tiles.size();
    }

    private SparklineRing newRing() {
        return new SparklineRing(maxPoints, windowMillis);
    }
}
