package io.watchfloor.cache;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * record(): one transaction appends every metric of every reading to the journal and upserts the newest
 * reading per tile; then the samples go to the packer's buffers, which pack closed windows. Runs as the
 * single writer.
 *
 * <p>There is no CHECKPOINT here: the commit is in H2's memory and its background writer puts it in the file
 * within {@link CacheDatabase#WRITE_DELAY_MS}. Writing each call through cost about 108 KB of disk writes per
 * call for 256 GPUs, mostly the same latest_reading pages again and again (docs/decisions/0002).
 */
final class ReadingRecorder {
    private static final Logger log = LoggerFactory.getLogger(ReadingRecorder.class);

    private final SeriesRegistry series;
    private final BlockPacker packer;
    private final LatestReadings latest;
    private final Clock clock;

    ReadingRecorder(SeriesRegistry series, BlockPacker packer, LatestReadings latest, Clock clock) {
        this.series = series;
        this.packer = packer;
        this.latest = latest;
        this.clock = clock;
    }

    /** Caller holds the write lock. */
    void record(Connection c, Collection<Reading> readings) throws SQLException {
        // newest reading per tile for latest_reading; every reading's metrics become samples
        Map<String, Reading> newest = new LinkedHashMap<>();
        List<Reading> valid = new ArrayList<>(readings.size());
        int sampleCount = 0;
        for (Reading r : readings) {
            if (r == null) {
                continue;
            }
            if (!LatestReadings.fits(r)) {
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
        Samples s = samplesOf(c, valid, sampleCount);
        List<String> inserted = Jdbc.inTransaction(c, tx -> {
            SampleJournal.append(tx, s.sid, s.ts, s.v, s.n);
            return latest.upsert(tx, newest.values());
        });
        latest.committed(inserted);
        for (int i = 0; i < s.n; i++) {
            packer.add(s.sid[i], s.ts[i], s.v[i]);
        }
        packer.packIfDue(c, clock.millis());
    }

    /** The samples as parallel arrays, with series ids (new series are created first, committed). */
    private Samples samplesOf(Connection c, List<Reading> valid, int count) throws SQLException {
        Samples s = new Samples(count);
        String[] keys = new String[count];
        Set<String> missing = new LinkedHashSet<>();
        for (Reading r : valid) {
            long t = r.sampledAt().toEpochMilli();
            for (Map.Entry<Metric, Double> e : r.metrics().entrySet()) {
                String key = Series.key(r.tileId(), e.getKey());
                Integer id = series.cached(key);
                if (id == null) {
                    missing.add(key);
                    id = -1;
                }
                keys[s.n] = key;
                s.sid[s.n] = id;
                s.ts[s.n] = t;
                s.v[s.n] = e.getValue();
                s.n++;
            }
        }
        if (!missing.isEmpty()) {
            series.create(c, missing);
            for (int i = 0; i < s.n; i++) {
                if (s.sid[i] < 0) {
                    s.sid[i] = series.cached(keys[i]);
                }
            }
        }
        return s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Parallel arrays of one call's samples. */
    private static final class Samples {
        final int[] sid;
        final long[] ts;
        final double[] v;
        int n;

        Samples(int capacity) {
            sid = new int[capacity];
            ts = new long[capacity];
            v = new double[capacity];
        }
    }
}
