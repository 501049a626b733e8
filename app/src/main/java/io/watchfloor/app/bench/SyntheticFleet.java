package io.watchfloor.app.bench;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.WallSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** Snapshots of a synthetic fleet whose every GPU changes value each tick: the wall's worst case. */
final class SyntheticFleet {
    private final int hosts;
    private final int gpusPerHost;
    private final SplittableRandom random = new SplittableRandom(7);
    private final Map<String, double[]> history = new HashMap<>();
    private final Instant start;

    SyntheticFleet(int tiles, Instant start) {
        this.gpusPerHost = 8;
        this.hosts = Math.max(1, (tiles + 7) / 8);
        this.start = start;
    }

    WallSnapshot next(Instant now) {
        List<Reading> readings = new ArrayList<>();
        Map<String, Series> sparks = new HashMap<>();
        for (int h = 0; h < hosts; h++) {
            for (int g = 0; g < gpusPerHost; g++) {
                TileKey key = TileKey.gpu(String.format("bench-gpu-%03d", h), "" + g, null, null);
                EnumMap<Metric, Double> m = new EnumMap<>(Metric.class);
                double util = random.nextDouble(100);
                m.put(Metric.UTIL_PCT, util);
                m.put(Metric.MEM_USED_MIB, 20000 + random.nextDouble(60000));
                m.put(Metric.MEM_TOTAL_MIB, 81559.0);
                m.put(Metric.TEMP_C, 40 + random.nextDouble(50));
                m.put(Metric.POWER_W, 100 + random.nextDouble(600));
                readings.add(new Reading(key, "NVIDIA H100 80GB HBM3", "bench", now, m, Set.of()));
                sparks.put(key.id(), spark(key.id(), util, now));
            }
        }
        SourceStatus src = new SourceStatus("bench", "synthetic", SourceState.UP, start, null, now, now, 0,
                Duration.ofSeconds(1), now.plusSeconds(1));
        return new WallSnapshot(now, List.of(src), readings, sparks);
    }

    private Series spark(String id, double util, Instant now) {
        double[] h = history.computeIfAbsent(id, k -> new double[60]);
        System.arraycopy(h, 1, h, 0, h.length - 1);
        h[h.length - 1] = util;
        long[] t = new long[h.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = now.toEpochMilli() - (h.length - 1 - i) * 1000L;
        }
        return new Series(t, h.clone());
    }
}
