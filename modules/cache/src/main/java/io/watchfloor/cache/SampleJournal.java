package io.watchfloor.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sample_journal} table: samples not yet packed into blocks, one append-only row per record() call
 * (at most {@value SampleCodec#MAX_JOURNAL_SAMPLES} samples a row). Appending one row touches one B-tree leaf,
 * where inserting the samples one row each would touch a leaf per series (docs/decisions/0002). Rows go once
 * their samples are in {@code sample_blocks}; after a crash the rest is replayed into the buffers on open.
 */
final class SampleJournal {
    private static final String SQL_INSERT =
            "INSERT INTO sample_journal (min_ts, max_ts, sample_count, payload) VALUES (?, ?, ?, ?)";

    private SampleJournal() {
    }

    /** Appends samples {@code [0, n)} as rows of at most {@value SampleCodec#MAX_JOURNAL_SAMPLES}. */
    static void append(Connection c, int[] sid, long[] ts, double[] v, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL_INSERT)) {
            for (int from = 0; from < n; from += SampleCodec.MAX_JOURNAL_SAMPLES) {
                addRow(ps, sid, ts, v, from, Math.min(n, from + SampleCodec.MAX_JOURNAL_SAMPLES));
            }
            ps.executeBatch();
        }
    }

    private static void addRow(PreparedStatement ps, int[] sid, long[] ts, double[] v, int from, int to)
            throws SQLException {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            min = Math.min(min, ts[i]);
            max = Math.max(max, ts[i]);
        }
        ps.setLong(1, min);
        ps.setLong(2, max);
        ps.setInt(3, to - from);
        ps.setString(4, SampleCodec.encodeJournal(sid, ts, v, from, to));
        ps.addBatch();
    }

    /** Feeds every journaled sample, oldest row first, to {@code sink} (at open). */
    static void replay(Connection c, SampleCodec.JournalSink sink) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT payload FROM sample_journal ORDER BY id")) {
            while (rs.next()) {
                SampleCodec.decodeJournal(rs.getString(1), sink);
            }
        }
    }

    /**
     * Deletes the rows whose samples are all older than {@code cutoff} (packed), and rewrites the few that
     * straddle it with only their newer samples. Runs inside the packing transaction.
     */
    static void trim(Connection c, long cutoff) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM sample_journal WHERE max_ts < ?")) {
            del.setLong(1, cutoff);
            del.executeUpdate();
        }
        List<Long> straddling = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        try (PreparedStatement sel = c.prepareStatement("SELECT id, payload FROM sample_journal WHERE min_ts < ?")) {
            sel.setLong(1, cutoff);
            try (ResultSet rs = sel.executeQuery()) {
                while (rs.next()) {
                    straddling.add(rs.getLong(1));
                    payloads.add(rs.getString(2));
                }
            }
        }
        if (straddling.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement(SQL_INSERT);
             PreparedStatement del = c.prepareStatement("DELETE FROM sample_journal WHERE id = ?")) {
            for (int j = 0; j < straddling.size(); j++) {
                int[] cap = {0};
                SampleCodec.decodeJournal(payloads.get(j), (s, t, val) -> cap[0]++);
                int[] sid = new int[cap[0]];
                long[] ts = new long[cap[0]];
                double[] v = new double[cap[0]];
                int[] n = {0};
                SampleCodec.decodeJournal(payloads.get(j), (s, t, val) -> {
                    if (t >= cutoff) {
                        sid[n[0]] = s;
                        ts[n[0]] = t;
                        v[n[0]] = val;
                        n[0]++;
                    }
                });
                if (n[0] > 0) {
                    addRow(ins, sid, ts, v, 0, n[0]);
                }
                del.setLong(1, straddling.get(j));
                del.addBatch();
            }
            ins.executeBatch();
            del.executeBatch();
        }
    }
}
