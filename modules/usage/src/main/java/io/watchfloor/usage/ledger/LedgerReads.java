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

/** The ledger's queries on a caller's connection. Ranges are [from, to) on the row's start. */
final class LedgerReads {
    private static final String SUMS = "COUNT(*), SUM(requests), SUM(tokens_in), SUM(tokens_out), SUM(errors), "
            + "SUM(throttles), SUM(p50_sum), SUM(p50_weight), SUM(p95_sum), SUM(p95_weight), SUM(avg_sum), "
            + "SUM(avg_weight)";

    private LedgerReads() {
    }

    static Map<String, UsageSums> totals(Connection c, Collection<String> endpointIds, long from, long to)
            throws SQLException {
        Map<String, UsageSums> out = new LinkedHashMap<>();
        String sql = "SELECT endpoint_id, " + SUMS + " FROM usage_minutes WHERE endpoint_id IN ("
                + placeholders(endpointIds.size()) + ") AND minute_start >= ? AND minute_start < ? "
                + "GROUP BY endpoint_id ORDER BY endpoint_id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindIds(ps, endpointIds);
            ps.setLong(i, from);
            ps.setLong(i + 1, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), sums(rs, 2));
                }
            }
        }
        return out;
    }

    static NavigableMap<Long, UsageSums> steps(Connection c, Collection<String> endpointIds, long from, long to,
                                               long stepMillis) throws SQLException {
        NavigableMap<Long, UsageSums> out = new TreeMap<>();
        // minute_start >= from, so the integer division is a floor
        String sql = "SELECT (minute_start - ?) / ? AS step, " + SUMS + " FROM usage_minutes WHERE endpoint_id IN ("
                + placeholders(endpointIds.size()) + ") AND minute_start >= ? AND minute_start < ? "
                + "GROUP BY step ORDER BY step";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, stepMillis);
            int i = 3;
            for (String id : endpointIds) {
                ps.setString(i++, id);
            }
            ps.setLong(i, from);
            ps.setLong(i + 1, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(from + rs.getLong(1) * stepMillis, sums(rs, 2));
                }
            }
        }
        return out;
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

    /** A scan of the minutes (no minute_start index, see V1__usage_ledger.sql); called once per report. */
    static Map.Entry<Instant, Instant> span(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(minute_start), MAX(minute_start) FROM usage_minutes");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long first = rs.getLong(1);
            if (rs.wasNull()) {
                return null;
            }
            return new AbstractMap.SimpleImmutableEntry<>(Instant.ofEpochMilli(first),
                    Instant.ofEpochMilli(rs.getLong(2)));
        }
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

    /** Deletes what starts before the cut; returns the rows deleted. */
    static int deleteBefore(Connection c, long minuteCut, long hourCut) throws SQLException {
        int n;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_minutes WHERE minute_start < ?")) {
            ps.setLong(1, minuteCut);
            n = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM gpu_hours WHERE hour_start < ?")) {
            ps.setLong(1, hourCut);
            n += ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_cursors WHERE covered_to < ?")) {
            ps.setLong(1, minuteCut);
            n += ps.executeUpdate();
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
