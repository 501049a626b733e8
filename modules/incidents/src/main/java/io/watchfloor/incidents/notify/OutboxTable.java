package io.watchfloor.incidents.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The SQL of {@code notification_outbox} (V2__notification_outbox.sql). Times are epoch milliseconds. */
final class OutboxTable {
    static final String TABLE = "notification_outbox";
    /** The column's size: longer error texts are cut. */
    static final int ERROR_MAX = 1000;

    private OutboxTable() {
    }

    /** Fails with a clear message when the migration has not run. */
    static void check(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE 1 = 0").close();
        }
    }

    static void insert(Connection c, String channelId, String eventKind, String incidentId, Instant at, String payload)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (channel_id, event_kind, "
                + "incident_id, created_at, payload, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, 0, ?)")) {
            ps.setString(1, channelId);
            ps.setString(2, eventKind);
            ps.setString(3, incidentId);
            ps.setLong(4, at.toEpochMilli());
            ps.setString(5, payload);
            ps.setLong(6, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Every message neither delivered nor given up, oldest first. */
    static List<OutboxRow> pending(Connection c) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, channel_id, event_kind, incident_id, created_at, "
                + "payload, attempts, next_attempt_at, last_error FROM " + TABLE
                + " WHERE delivered_at IS NULL AND given_up_at IS NULL ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getInt(7),
                        Instant.ofEpochMilli(rs.getLong(8)), rs.getString(9)));
            }
        }
        return rows;
    }

    /** Each channel's newest delivery time. */
    static Map<String, Instant> lastDelivered(Connection c) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT channel_id, MAX(delivered_at) FROM " + TABLE
                + " WHERE delivered_at IS NOT NULL GROUP BY channel_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
            }
        }
        return out;
    }

    static void delivered(Connection c, long id, int attempts, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
                + " SET attempts = ?, delivered_at = ?, last_error = NULL WHERE id = ?")) {
            ps.setInt(1, attempts);
            ps.setLong(2, at.toEpochMilli());
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    static void retryAt(Connection c, long id, int attempts, Instant next, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
                + " SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")) {
            ps.setInt(1, attempts);
            ps.setLong(2, next.toEpochMilli());
            ps.setString(3, cut(error));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    static void givenUp(Connection c, long id, int attempts, Instant at, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
                + " SET attempts = ?, given_up_at = ?, last_error = ? WHERE id = ?")) {
            ps.setInt(1, attempts);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, cut(error));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /** Makes every waiting message due now (an operator asked to retry). */
    static int dueNow(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET next_attempt_at = ?"
                + " WHERE delivered_at IS NULL AND given_up_at IS NULL AND next_attempt_at > ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, now.toEpochMilli());
            return ps.executeUpdate();
        }
    }

    /**
     * Deletes messages delivered or given up before {@code cutoff}, and those of channels no longer configured
     * written before it (nobody can send them).
     */
    static int prune(Connection c, Instant cutoff, Collection<String> channelIds) throws SQLException {
        int deleted;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE
                + " WHERE delivered_at < ? OR given_up_at < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.setLong(2, cutoff.toEpochMilli());
            deleted = ps.executeUpdate();
        }
        StringBuilder sql = new StringBuilder("DELETE FROM " + TABLE + " WHERE created_at < ?");
        if (!channelIds.isEmpty()) {
            sql.append(" AND channel_id NOT IN (").append("?, ".repeat(channelIds.size() - 1)).append("?)");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setLong(1, cutoff.toEpochMilli());
            int i = 2;
            for (String id : channelIds) {
                ps.setString(i++, id);
            }
            deleted += ps.executeUpdate();
        }
        return deleted;
    }

    private static String cut(String error) {
        return error == null ? null : MessageFacts.cut(error, ERROR_MAX);
    }
}
