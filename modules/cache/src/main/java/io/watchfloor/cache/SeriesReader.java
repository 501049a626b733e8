package io.watchfloor.cache;

import io.watchfloor.model.Series;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Reads one series: raw samples where kept, older parts as rollup buckets (one point per bucket, its average
 * at its start time). A bucket that overlaps raw samples in the result is left out, so each stretch of time
 * is shown at its best resolution.
 */
final class SeriesReader {
    private static final String SQL_SELECT_BLOCKS =
            "SELECT payload FROM sample_blocks WHERE series_id = ? AND first_ts >= ? AND first_ts <= ?"
                    + " AND last_ts >= ? ORDER BY first_ts, id";
    private static final String SQL_SELECT_ROLLUPS =
            "SELECT bucket_start, bucket_ms, sum_v, sample_count FROM rollups"
                    + " WHERE series_id = ? AND bucket_start >= ? AND bucket_start <= ? ORDER BY bucket_start";

    private final SeriesRegistry series;
    private final BlockPacker buffers;

    SeriesReader(SeriesRegistry series, BlockPacker buffers) {
        this.series = series;
        this.buffers = buffers;
    }

    /** Samples with {@code f <= t <= to}; both bounds in epoch milliseconds, {@code f <= t}. */
    Series read(Connection c, String seriesKey, long f, long t) throws SQLException {
        Integer id = series.find(c, seriesKey);
        if (id == null) {
            return Series.EMPTY;
        }
        // order matters: buffer first, then blocks, then rollups. Packing and rolling up move data in that
        // direction and commit before removing it from the source, so a read can see a sample twice (removed
        // below) but never miss it.
        SampleList buffered = new SampleList(16);
        buffers.copyRange(id, f, t, buffered);
        SampleList raw = new SampleList(4096);
        try (PreparedStatement ps = c.prepareStatement(SQL_SELECT_BLOCKS)) {
            ps.setInt(1, id);
            // a block starts at most one window before the first sample it may hold
            ps.setLong(2, f == Long.MIN_VALUE ? f : f - BlockPacker.BLOCK_MS + 1);
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
        return merge(rollupsNotCoveredBy(c, id, f, t, raw), raw);
    }

    /** One point per bucket (its average at its start), except buckets that raw samples cover. */
    private static SampleList rollupsNotCoveredBy(Connection c, int id, long f, long t, SampleList raw)
            throws SQLException {
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
        return rolled;
    }

    /** Merges two time-sorted lists whose times do not overlap into a series. */
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
}
