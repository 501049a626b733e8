package io.watchfloor.usage.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** The ledger's queries on a caller's connection. Ranges are [from, to) on the row's start. */
final class LedgerReads {
    private static final String SUMS = "COUNT(*), SUM(requests), SUM(tokens_in), SUM(tokens_out), SUM(errors), "
            + "SUM(throttles), SUM(p50_sum), SUM(p50_weight), SUM(p95_sum), SUM(p95_weight), SUM(avg_sum), "
            + "SUM(avg_weight)";

    private LedgerReads() {
    }

    /** usage_hours' sums in the same order; an hour's minute_rows is its minutes' COUNT(*). */
    private static final String HOUR_SUMS = "minute_rows, requests, tokens_in, tokens_out, errors, throttles, "
            + "p50_sum, p50_weight, p95_sum, p95_weight, avg_sum, avg_weight";
    private static final String HOURS_OF_ENDPOINT = "SELECT hour_start, " + HOUR_SUMS + " FROM usage_hours "
            + "WHERE endpoint_id = ? AND hour_start >= ? AND hour_start < ?";
    /** One endpoint at a time: equality on endpoint_id plus a range is a range scan of the primary key. */
    private static final String MINUTES_OF_ENDPOINT = "SELECT (minute_start - ?) / ? AS step, " + SUMS
            + " FROM usage_minutes WHERE endpoint_id = ? AND minute_start >= ? AND minute_start < ? "
            + "GROUP BY step";

    /** Receives sums of one endpoint for one step of a plan. */
    @FunctionalInterface
    private interface Sink {
        void add(String endpointId, long stepIndex, UsageSums sums);
    }

    static Map<String, UsageSums> totals(Connection c, Collection<String> endpointIds, long from, long to)
            throws SQLException {
        Map<String, UsageSums> byId = new TreeMap<>();
        read(c, endpointIds, ReadPlan.totals(from, to), (id, step, sums) -> byId.merge(id, sums, UsageSums::plus));
        return new LinkedHashMap<>(byId);
    }

    static NavigableMap<Long, UsageSums> steps(Connection c, Collection<String> endpointIds, long from, long to,
                                               long stepMillis) throws SQLException {
        NavigableMap<Long, UsageSums> out = new TreeMap<>();
        read(c, endpointIds, ReadPlan.steps(from, to, stepMillis),
                (id, step, sums) -> out.merge(from + step * stepMillis, sums, UsageSums::plus));
        return out;
    }

    /** Whole hours from usage_hours, the rest of the window from usage_minutes; see {@link ReadPlan}. */
    private static void read(Connection c, Collection<String> endpointIds, ReadPlan plan, Sink sink)
            throws SQLException {
        Collection<String> ids = new TreeSet<>(endpointIds); // an id given twice counts once, as IN (...) did
        if (plan.hasHours()) {
            try (PreparedStatement ps = c.prepareStatement(HOURS_OF_ENDPOINT)) {
                for (String id : ids) {
                    ps.setString(1, id);
                    ps.setLong(2, plan.hoursFrom);
                    ps.setLong(3, plan.hoursTo);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long hour = rs.getLong(1);
                            if (plan.fromHours(hour)) {
                                sink.add(id, plan.stepIndex(hour), sums(rs, 2));
                            }
                        }
                    }
                }
            }
        }
        if (plan.minuteRanges.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MINUTES_OF_ENDPOINT)) {
            ps.setLong(1, plan.from);
            ps.setLong(2, plan.step);
            for (String id : ids) {
                ps.setString(3, id);
                for (long[] range : plan.minuteRanges) {
                    ps.setLong(4, range[0]);
                    ps.setLong(5, range[1]);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sink.add(id, rs.getLong(1), sums(rs, 2));
                        }
                    }
                }
            }
        }
    }

    static List<GpuHour> gpuHours(Connection c, Collection<String> hosts, long from, long to) throws SQLException {
        List<GpuHour> out = new ArrayList<>();
        String sql = "SELECT host, tile_id, hour_start, observed_ms, idle_held_ms, util_pct_ms, mem_used_mib_ms, "
                + "mem_total_mib FROM gpu_hours WHERE host IN (" + placeholders(hosts.size())
                + ") AND hour_start >= ? AND hour_start < ? ORDER BY tile_id, hour_start";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindIds(ps, hosts);
            ps.setLong(i, from);
            ps.setLong(i + 1, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GpuHour(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getLong(4), rs.getLong(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)));
                }
            }
        }
        return out;
    }

    /**
     * The first and last stored minute. usage_minutes has no minute_start index (see V1__usage_ledger.sql), so the
     * hours (a small table) say which hours hold the ends, and those hours' minutes are looked up by key.
     */
    static Map.Entry<Instant, Instant> span(Connection c) throws SQLException {
        long firstHour;
        long lastHour;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(hour_start), MAX(hour_start) FROM usage_hours");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            firstHour = rs.getLong(1);
            if (rs.wasNull()) {
                return null;
            }
            lastHour = rs.getLong(2);
        }
        return new AbstractMap.SimpleImmutableEntry<>(Instant.ofEpochMilli(endMinute(c, firstHour, "MIN")),
                Instant.ofEpochMilli(endMinute(c, lastHour, "MAX")));
    }

    /** The MIN or MAX minute_start within one hour, over the endpoints that have that hour. */
    private static long endMinute(Connection c, long hour, String which) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT endpoint_id FROM usage_hours WHERE hour_start = ?")) {
            ps.setLong(1, hour);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        long best = which.equals("MIN") ? Long.MAX_VALUE : Long.MIN_VALUE;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + which + "(minute_start) FROM usage_minutes "
                + "WHERE endpoint_id = ? AND minute_start >= ? AND minute_start < ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.setLong(2, hour);
                ps.setLong(3, hour + LiveUsage.HOUR_MS);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long m = rs.getLong(1);
                    if (!rs.wasNull()) {
                        best = which.equals("MIN") ? Math.min(best, m) : Math.max(best, m);
                    }
                }
            }
        }
        return best;
    }

    static Map<String, Long> cursors(Connection c) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT series_id, covered_to FROM usage_cursors");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Deletes minutes, their hours, GPU hours and cursors before the (whole-hour) cut; returns the rows deleted. */
    static int deleteBefore(Connection c, long hourCut) throws SQLException {
        int n = 0;
        for (String sql : List.of("DELETE FROM usage_minutes WHERE minute_start < ?",
                "DELETE FROM usage_hours WHERE hour_start < ?", "DELETE FROM gpu_hours WHERE hour_start < ?",
                "DELETE FROM usage_cursors WHERE covered_to < ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, hourCut);
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    private static UsageSums sums(ResultSet rs, int first) throws SQLException {
        int i = first;
        return new UsageSums(rs.getLong(i), rs.getDouble(i + 1), rs.getDouble(i + 2), rs.getDouble(i + 3),
                rs.getDouble(i + 4), rs.getDouble(i + 5), rs.getDouble(i + 6), rs.getDouble(i + 7),
                rs.getDouble(i + 8), rs.getDouble(i + 9), rs.getDouble(i + 10), rs.getDouble(i + 11));
    }

    private static int bindIds(PreparedStatement ps, Collection<String> ids) throws SQLException {
        int i = 1;
        for (String id : ids) {
            ps.setString(i++, id);
        }
        return i;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
