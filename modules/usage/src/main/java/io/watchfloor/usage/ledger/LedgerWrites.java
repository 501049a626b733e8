package io.watchfloor.usage.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The ledger's SQL writes on a caller's connection (inside the caller's transaction). Bulk writes replace rows by key;
 * live flushes add to them, because a minute may be written in two parts (before and after a restart, or a sample
 * that arrives after its minute was flushed).
 */
final class LedgerWrites {
    private static final String MINUTE_COLUMNS = "endpoint_id, minute_start, covered_ms, requests, tokens_in, "
            + "tokens_out, errors, throttles, p50_sum, p50_weight, p95_sum, p95_weight, avg_sum, avg_weight";
    private static final String HOUR_COLUMNS = "tile_id, host, hour_start, observed_ms, idle_held_ms, util_pct_ms, "
            + "mem_used_mib_ms, mem_total_mib";

    private static final String REPLACE_MINUTE = "MERGE INTO usage_minutes (" + MINUTE_COLUMNS
            + ") KEY (endpoint_id, minute_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String REPLACE_HOUR = "MERGE INTO gpu_hours (" + HOUR_COLUMNS
            + ") KEY (tile_id, hour_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String ADD_MINUTE = "MERGE INTO usage_minutes t USING (VALUES (CAST(? AS VARCHAR(200)), "
            + "CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), "
            + "CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), "
            + "CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), "
            + "CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION))) "
            + "s(" + MINUTE_COLUMNS + ") ON t.endpoint_id = s.endpoint_id AND t.minute_start = s.minute_start "
            + "WHEN MATCHED THEN UPDATE SET covered_ms = LEAST(60000, t.covered_ms + s.covered_ms), "
            + "requests = t.requests + s.requests, tokens_in = t.tokens_in + s.tokens_in, "
            + "tokens_out = t.tokens_out + s.tokens_out, errors = t.errors + s.errors, "
            + "throttles = t.throttles + s.throttles, p50_sum = t.p50_sum + s.p50_sum, "
            + "p50_weight = t.p50_weight + s.p50_weight, p95_sum = t.p95_sum + s.p95_sum, "
            + "p95_weight = t.p95_weight + s.p95_weight, avg_sum = t.avg_sum + s.avg_sum, "
            + "avg_weight = t.avg_weight + s.avg_weight "
            + "WHEN NOT MATCHED THEN INSERT (" + MINUTE_COLUMNS + ") VALUES (s.endpoint_id, s.minute_start, "
            + "s.covered_ms, s.requests, s.tokens_in, s.tokens_out, s.errors, s.throttles, s.p50_sum, "
            + "s.p50_weight, s.p95_sum, s.p95_weight, s.avg_sum, s.avg_weight)";

    private static final String ADD_HOUR = "MERGE INTO gpu_hours t USING (VALUES (CAST(? AS VARCHAR(300)), "
            + "CAST(? AS VARCHAR(200)), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), "
            + "CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION))) "
            + "s(" + HOUR_COLUMNS + ") ON t.tile_id = s.tile_id AND t.hour_start = s.hour_start "
            + "WHEN MATCHED THEN UPDATE SET host = s.host, "
            + "observed_ms = LEAST(3600000, t.observed_ms + s.observed_ms), "
            + "idle_held_ms = LEAST(3600000, t.idle_held_ms + s.idle_held_ms), "
            + "util_pct_ms = t.util_pct_ms + s.util_pct_ms, mem_used_mib_ms = t.mem_used_mib_ms + s.mem_used_mib_ms, "
            + "mem_total_mib = CASE WHEN s.mem_total_mib > 0 THEN s.mem_total_mib ELSE t.mem_total_mib END "
            + "WHEN NOT MATCHED THEN INSERT (" + HOUR_COLUMNS + ") VALUES (s.tile_id, s.host, s.hour_start, "
            + "s.observed_ms, s.idle_held_ms, s.util_pct_ms, s.mem_used_mib_ms, s.mem_total_mib)";

    private static final String SAVE_CURSOR = "MERGE INTO usage_cursors t USING (VALUES (CAST(? AS VARCHAR(300)), "
            + "CAST(? AS BIGINT))) s(series_id, covered_to) ON t.series_id = s.series_id "
            + "WHEN MATCHED THEN UPDATE SET covered_to = GREATEST(t.covered_to, s.covered_to) "
            + "WHEN NOT MATCHED THEN INSERT (series_id, covered_to) VALUES (s.series_id, s.covered_to)";

    /**
     * Recomputes one endpoint's hours in [?, ?) from its minutes (a range scan of the primary key). Minute writes
     * either replace (bulk) or add (live, where the minute may or may not have a row already), so recomputing is
     * the one rule that is right for both, and it keeps minute_rows equal to the minutes' COUNT(*).
     */
    private static final String ROLL_UP_HOURS = "MERGE INTO usage_hours (endpoint_id, hour_start, minute_rows, "
            + "covered_ms, requests, tokens_in, tokens_out, errors, throttles, p50_sum, p50_weight, p95_sum, "
            + "p95_weight, avg_sum, avg_weight) KEY (endpoint_id, hour_start) "
            + "SELECT endpoint_id, (minute_start / 3600000) * 3600000, COUNT(*), SUM(covered_ms), SUM(requests), "
            + "SUM(tokens_in), SUM(tokens_out), SUM(errors), SUM(throttles), SUM(p50_sum), SUM(p50_weight), "
            + "SUM(p95_sum), SUM(p95_weight), SUM(avg_sum), SUM(avg_weight) FROM usage_minutes "
            + "WHERE endpoint_id = ? AND minute_start >= ? AND minute_start < ? "
            + "GROUP BY endpoint_id, (minute_start / 3600000) * 3600000";

    private LedgerWrites() {
    }

    /**
     * Brings usage_hours up to date for the hours that {@code rows} fall in (call after writing them, in the same
     * transaction). Touched hours are recomputed in runs of consecutive hours, one statement per run.
     */
    static void rollUpHours(Connection c, List<EndpointMinute> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, NavigableSet<Long>> touched = new HashMap<>();
        for (EndpointMinute m : rows) {
            touched.computeIfAbsent(m.endpointId(), k -> new TreeSet<>())
                    .add(Math.floorDiv(m.minute().toEpochMilli(), LiveUsage.HOUR_MS) * LiveUsage.HOUR_MS);
        }
        try (PreparedStatement ps = c.prepareStatement(ROLL_UP_HOURS)) {
            for (Map.Entry<String, NavigableSet<Long>> e : touched.entrySet()) {
                long runStart = Long.MIN_VALUE;
                long runEnd = Long.MIN_VALUE;
                for (long hour : e.getValue()) {
                    if (hour != runEnd) {
                        addRollUp(ps, e.getKey(), runStart, runEnd);
                        runStart = hour;
                    }
                    runEnd = hour + LiveUsage.HOUR_MS;
                }
                addRollUp(ps, e.getKey(), runStart, runEnd);
            }
            ps.executeBatch();
        }
    }

    private static void addRollUp(PreparedStatement ps, String endpointId, long from, long to) throws SQLException {
        if (from == Long.MIN_VALUE) {
            return;
        }
        ps.setString(1, endpointId);
        ps.setLong(2, from);
        ps.setLong(3, to);
        ps.addBatch();
    }

    static void replaceMinutes(Connection c, List<EndpointMinute> rows) throws SQLException {
        minutes(c, REPLACE_MINUTE, rows);
    }

    static void addMinutes(Connection c, List<EndpointMinute> rows) throws SQLException {
        minutes(c, ADD_MINUTE, rows);
    }

    static void replaceHours(Connection c, List<GpuHour> rows) throws SQLException {
        hours(c, REPLACE_HOUR, rows);
    }

    static void addHours(Connection c, List<GpuHour> rows) throws SQLException {
        hours(c, ADD_HOUR, rows);
    }

    static void saveCursors(Connection c, Map<String, Long> cursors) throws SQLException {
        if (cursors.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(SAVE_CURSOR)) {
            for (Map.Entry<String, Long> e : cursors.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setLong(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void minutes(Connection c, String sql, List<EndpointMinute> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (EndpointMinute m : rows) {
                ps.setString(1, m.endpointId());
                ps.setLong(2, m.minute().toEpochMilli());
                ps.setLong(3, m.coveredMillis());
                ps.setDouble(4, m.requests());
                ps.setDouble(5, m.tokensIn());
                ps.setDouble(6, m.tokensOut());
                ps.setDouble(7, m.errors());
                ps.setDouble(8, m.throttles());
                ps.setDouble(9, m.p50Sum());
                ps.setDouble(10, m.p50Weight());
                ps.setDouble(11, m.p95Sum());
                ps.setDouble(12, m.p95Weight());
                ps.setDouble(13, m.avgSum());
                ps.setDouble(14, m.avgWeight());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void hours(Connection c, String sql, List<GpuHour> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (GpuHour h : rows) {
                ps.setString(1, h.tileId());
                ps.setString(2, h.host());
                ps.setLong(3, h.hour().toEpochMilli());
                ps.setLong(4, h.observedMillis());
                ps.setLong(5, h.idleHeldMillis());
                ps.setDouble(6, h.utilPctMillis());
                ps.setDouble(7, h.memUsedMibMillis());
                ps.setDouble(8, h.memTotalMib());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
