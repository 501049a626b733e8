package io.watchfloor.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Journaled samples waiting in per-series memory buffers, and their packing into {@code sample_blocks}: one
 * row per series and epoch-aligned {@value #BLOCK_MS} ms window. A window is packed {@value #FLUSH_GRACE_MS}
 * ms after it closed, or earlier when {@value #MAX_BUFFERED} samples are buffered (back-fill). Packing commits
 * the blocks and trims the journal in one transaction before the samples leave the buffers, so a concurrent
 * reader may see a sample twice (it de-duplicates) but never misses one.
 *
 * <p>The writer adds and packs under the write lock; readers copy from the buffers without it.
 */
final class BlockPacker {
    private static final Logger log = LoggerFactory.getLogger(BlockPacker.class);

    /** Raw samples are packed per series into windows of this length, aligned to the epoch. */
    static final long BLOCK_MS = 60_000;
    /** A window is packed this long after it ended, so slightly late samples still land in it. */
    static final long FLUSH_GRACE_MS = 10_000;
    /** Pack early when this many samples are buffered (back-fill, fast polling). */
    static final int MAX_BUFFERED = 262_144;

    private static final String SQL_INSERT_BLOCK =
            "INSERT INTO sample_blocks (series_id, first_ts, last_ts, sample_count, payload) VALUES (?, ?, ?, ?, ?)";

    private final ConcurrentHashMap<Integer, SeriesBuffer> buffers = new ConcurrentHashMap<>();
    /** The rest is guarded by the write lock. */
    private long bufferedSamples;
    private long nextSizeFlushAt = MAX_BUFFERED;
    private long lastFlushCutoff = Long.MIN_VALUE;

    /** Windows that ended at least {@link #FLUSH_GRACE_MS} before {@code nowMs} are closed. */
    static long flushCutoff(long nowMs) {
        return Math.floorDiv(nowMs - FLUSH_GRACE_MS, BLOCK_MS) * BLOCK_MS;
    }

    /** Buffers one sample; an equal time replaces the value, so the same reading twice is harmless. */
    void add(int seriesId, long ts, double v) {
        bufferedSamples += buffers.computeIfAbsent(seriesId, k -> new SeriesBuffer()).add(ts, v);
    }

    /** Refills the buffers from the journal (at open). */
    void replay(Connection c) throws SQLException {
        SampleJournal.replay(c, this::add);
    }

    long bufferedSamples() {
        return bufferedSamples;
    }

    /** Appends the buffered samples of one series with {@code from <= t <= to} to {@code out}. */
    void copyRange(int seriesId, long from, long to, SampleList out) {
        SeriesBuffer b = buffers.get(seriesId);
        if (b != null) {
            b.copyRange(from, to, out);
        }
    }

    boolean holdsSamplesOf(int seriesId) {
        SeriesBuffer b = buffers.get(seriesId);
        return b != null && b.size() > 0;
    }

    void forget(int seriesId) {
        buffers.remove(seriesId);
    }

    /** After a record(): packs when a window has closed since the last packing, or the buffers are full. */
    void packIfDue(Connection c, long nowMs) throws SQLException {
        long cutoff = flushCutoff(nowMs);
        if (cutoff > lastFlushCutoff || bufferedSamples >= nextSizeFlushAt) {
            pack(c, cutoff);
        }
    }

    /** For maintain(): packs everything before the cutoff of {@code nowMs}, whatever is buffered. */
    void packClosed(Connection c, long nowMs) throws SQLException {
        long cutoff = flushCutoff(nowMs);
        if (cutoff > lastFlushCutoff || bufferedSamples > 0) {
            pack(c, cutoff);
        }
    }

    /** At close: packs windows that closed since the last packing; the open window stays in the journal. */
    void packAtClose(Connection c, long nowMs) throws SQLException {
        long cutoff = flushCutoff(nowMs);
        if (cutoff > lastFlushCutoff) {
            pack(c, cutoff);
        }
    }

    /** Packs every buffered sample older than {@code cutoff} and trims the journal, then drops them here. */
    private void pack(Connection c, long cutoff) throws SQLException {
        Map<Integer, SampleList> taken = new HashMap<>();
        int blocks = Jdbc.inTransaction(c, tx -> {
            int n = writeBlocks(tx, cutoff, taken);
            SampleJournal.trim(tx, cutoff);
            return n;
        });
        for (Integer id : taken.keySet()) {
            SeriesBuffer b = buffers.get(id);
            if (b != null) {
                bufferedSamples -= b.removeBefore(cutoff);
            }
        }
        lastFlushCutoff = Math.max(lastFlushCutoff, cutoff);
        nextSizeFlushAt = bufferedSamples + MAX_BUFFERED;
        if (blocks > 0) {
            log.debug("Packed {} samples of {} series into {} blocks (cutoff {})",
                    taken.values().stream().mapToInt(s -> s.size).sum(), taken.size(), blocks,
                    Instant.ofEpochMilli(cutoff));
        }
    }

    /** Inserts the blocks for samples before {@code cutoff}; fills {@code taken} with what went in. */
    private int writeBlocks(Connection c, long cutoff, Map<Integer, SampleList> taken) throws SQLException {
        int blocks = 0;
        try (PreparedStatement ins = c.prepareStatement(SQL_INSERT_BLOCK)) {
            for (Map.Entry<Integer, SeriesBuffer> e : buffers.entrySet()) {
                SampleList s = e.getValue().copyBefore(cutoff);
                if (s.size == 0) {
                    continue;
                }
                taken.put(e.getKey(), s);
                int from = 0;
                while (from < s.size) {
                    long windowEnd = Math.floorDiv(s.ts[from], BLOCK_MS) * BLOCK_MS + BLOCK_MS;
                    int to = from;
                    while (to < s.size && s.ts[to] < windowEnd && to - from < SampleCodec.MAX_BLOCK_SAMPLES) {
                        to++;
                    }
                    ins.setInt(1, e.getKey());
                    ins.setLong(2, s.ts[from]);
                    ins.setLong(3, s.ts[to - 1]);
                    ins.setInt(4, to - from);
                    ins.setString(5, SampleCodec.encodeBlock(s.ts, s.v, from, to));
                    ins.addBatch();
                    if (++blocks % 1024 == 0) {
                        ins.executeBatch();
                    }
                    from = to;
                }
            }
            ins.executeBatch();
        }
        return blocks;
    }
}
