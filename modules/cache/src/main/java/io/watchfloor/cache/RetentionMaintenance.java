package io.watchfloor.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * maintain(): packs closed windows, rolls blocks older than the raw retention into buckets, deletes buckets
 * older than the rollup retention, forgets tiles and series with nothing left, deletes availability segments
 * that ended more than {@link AvailabilityLedger#RETENTION} ago, then lets the compactor look
 * at the file. Works series by series in short transactions (at most {@value #ROLLUP_BATCH_BLOCKS} blocks
 * each) and releases the write lock between them, so record() never waits long. Running it twice with the
 * same {@code now} changes nothing.
 */
final class RetentionMaintenance {
    private static final Logger log = LoggerFactory.getLogger(RetentionMaintenance.class);

    /** Blocks rolled up per transaction: at most 256 x 512 samples. */
    static final int ROLLUP_BATCH_BLOCKS = 256;

    private final CacheDatabase db;
    private final RetentionPolicy policy;
    private final SeriesRegistry series;
    private final BlockPacker packer;
    private final LatestReadings latest;
    private final AvailabilityLedger ledger;
    private final FileCompactor compactor;

    RetentionMaintenance(CacheDatabase db, RetentionPolicy policy, SeriesRegistry series, BlockPacker packer,
                         LatestReadings latest, AvailabilityLedger ledger, FileCompactor compactor) {
        this.db = db;
        this.policy = policy;
        this.series = series;
        this.packer = packer;
        this.latest = latest;
        this.ledger = ledger;
        this.compactor = compactor;
    }

    void run(long nowMs) throws SQLException {
        long step = policy.stepMillis();
        // no block may straddle the raw cutoff: align it to both the bucket and the block length
        long align = lcm(step, BlockPacker.BLOCK_MS);
        if (align > Duration.ofDays(1).toMillis()) {
            align = step;
        }
        long rawCutoff = Math.floorDiv(Math.min(nowMs - policy.rawMillis(), BlockPacker.flushCutoff(nowMs)), align)
                * align;
        long rollupCutoff = Math.floorDiv(nowMs - policy.rollupRetentionMillis(), step) * step;
        long started = System.nanoTime();
        db.write(c -> {
            packer.packClosed(c, nowMs);
            return null;
        });
        List<Integer> ids = db.read(RetentionMaintenance::seriesIds);
        long rolled = 0;
        long expired = 0;
        for (int id : ids) {
            rolled += rollUp(id, rawCutoff, step);
            expired += db.write(c -> expireBuckets(c, id, rollupCutoff));
        }
        int forgotten = db.write(c -> {
            latest.forgetOlderThan(c, nowMs - policy.rollupRetentionMillis());
            return forgetEmptySeries(c);
        });
        int segments = db.write(c -> ledger.expire(c, nowMs - AvailabilityLedger.RETENTION.toMillis()));
        compactor.compactIfFragmented();
        log.debug("Cache maintenance: {} samples rolled up, {} buckets expired, {} series forgotten, {} availability"
                        + " segments expired in {} ms", rolled, expired, forgotten, segments,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static List<Integer> seriesIds(Connection c) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM series ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static int expireBuckets(Connection c, int seriesId, long before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rollups WHERE series_id = ? AND bucket_start < ?")) {
            ps.setInt(1, seriesId);
            ps.setLong(2, before);
            return ps.executeUpdate();
        }
    }

    /** Rolls the blocks of one series older than {@code rawCutoff} into buckets; returns the samples rolled. */
    private long rollUp(int seriesId, long rawCutoff, long step) throws SQLException {
        long total = 0;
        while (true) {
            int[] result = db.writeTransaction(c -> rollUpBatch(c, seriesId, rawCutoff, step));
            total += result[1];
            if (result[0] < ROLLUP_BATCH_BLOCKS) {
                return total;
            }
        }
    }

    /** One batch of blocks into buckets, merged with existing buckets; returns {blocks, samples}. */
    private static int[] rollUpBatch(Connection c, int seriesId, long rawCutoff, long step) throws SQLException {
        List<Long> blockIds = new ArrayList<>();
        SampleList samples = new SampleList(1024);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, payload FROM sample_blocks"
                + " WHERE series_id = ? AND first_ts < ? ORDER BY first_ts, id FETCH FIRST "
                + ROLLUP_BATCH_BLOCKS + " ROWS ONLY")) {
            ps.setInt(1, seriesId);
            ps.setLong(2, rawCutoff);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    blockIds.add(rs.getLong(1));
                    SampleCodec.decodeBlock(rs.getString(2), Long.MIN_VALUE, Long.MAX_VALUE, samples);
                }
            }
        }
        if (blockIds.isEmpty()) {
            return new int[] {0, 0};
        }
        samples.sortDedupKeepLast();
        // the average is sum/count, so merging late data into a bucket stays exact
        TreeMap<Long, double[]> buckets = new TreeMap<>(); // start -> {min, max, sum, count}
        for (int i = 0; i < samples.size; i++) {
            long start = Math.floorDiv(samples.ts[i], step) * step;
            double x = samples.v[i];
            double[] a = buckets.get(start);
            if (a == null) {
                buckets.put(start, new double[] {x, x, x, 1});
            } else {
                a[0] = Math.min(a[0], x);
                a[1] = Math.max(a[1], x);
                a[2] += x;
                a[3] += 1;
            }
        }
        Set<Long> existing = mergeExisting(c, seriesId, buckets);
        try (PreparedStatement upd = c.prepareStatement("UPDATE rollups SET min_v = ?, max_v = ?, sum_v = ?,"
                + " sample_count = ?, bucket_ms = ? WHERE series_id = ? AND bucket_start = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO rollups (min_v, max_v, sum_v, sample_count,"
                     + " bucket_ms, series_id, bucket_start) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement del = c.prepareStatement("DELETE FROM sample_blocks WHERE id = ?")) {
            for (Map.Entry<Long, double[]> e : buckets.entrySet()) {
                PreparedStatement ps = existing.contains(e.getKey()) ? upd : ins;
                double[] a = e.getValue();
                ps.setDouble(1, a[0]);
                ps.setDouble(2, a[1]);
                ps.setDouble(3, a[2]);
                ps.setInt(4, (int) a[3]);
                ps.setLong(5, step);
                ps.setInt(6, seriesId);
                ps.setLong(7, e.getKey());
                ps.addBatch();
            }
            if (!existing.isEmpty()) {
                upd.executeBatch();
            }
            if (existing.size() < buckets.size()) {
                ins.executeBatch();
            }
            for (long id : blockIds) {
                del.setLong(1, id);
                del.addBatch();
            }
            del.executeBatch();
        }
        return new int[] {blockIds.size(), samples.size};
    }

    /** Folds the stored buckets in {@code buckets}' range into it; returns the starts that exist already. */
    private static Set<Long> mergeExisting(Connection c, int seriesId, TreeMap<Long, double[]> buckets)
            throws SQLException {
        Set<Long> existing = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT bucket_start, min_v, max_v, sum_v, sample_count"
                + " FROM rollups WHERE series_id = ? AND bucket_start >= ? AND bucket_start <= ?")) {
            ps.setInt(1, seriesId);
            ps.setLong(2, buckets.firstKey());
            ps.setLong(3, buckets.lastKey());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double[] a = buckets.get(rs.getLong(1));
                    if (a != null) {
                        existing.add(rs.getLong(1));
                        a[0] = Math.min(a[0], rs.getDouble(2));
                        a[1] = Math.max(a[1], rs.getDouble(3));
                        a[2] += rs.getDouble(4);
                        a[3] += rs.getInt(5);
                    }
                }
            }
        }
        return existing;
    }

    /** Deletes series rows with no blocks, buckets or buffered samples left; returns how many. */
    private int forgetEmptySeries(Connection c) throws SQLException {
        Map<Integer, String> empty = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT s.id, s.series_key FROM series s"
                + " WHERE NOT EXISTS (SELECT 1 FROM sample_blocks b WHERE b.series_id = s.id)"
                + " AND NOT EXISTS (SELECT 1 FROM rollups r WHERE r.series_id = s.id)")) {
            while (rs.next()) {
                if (!packer.holdsSamplesOf(rs.getInt(1))) {
                    empty.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        if (empty.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM series WHERE id = ?")) {
            for (int id : empty.keySet()) {
                ps.setInt(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        empty.forEach((id, key) -> {
            series.forget(key, id);
            packer.forget(id);
        });
        return empty.size();
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long r = x % y;
            x = y;
            y = r;
        }
        return a / x * b;
    }
}
