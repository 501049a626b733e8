package io.watchfloor.cache;

import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code source_status} table: the last persisted status of every source, times in milliseconds. */
final class SourceStatuses {
    private static final Logger log = LoggerFactory.getLogger(SourceStatuses.class);

    private static final String COLUMNS = "source_type, state, since_at, last_error, last_success_at,"
            + " last_attempt_at, consecutive_failures, interval_ms, next_poll_at";
    /** last_error is a VARCHAR(4000). */
    private static final int MAX_ERROR = 4000;

    private SourceStatuses() {
    }

    /** Replaces the status of {@code s.id()} (UPDATE, else INSERT; the caller is the single writer). */
    static void write(Connection c, SourceStatus s) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE source_status SET source_type = ?, state = ?,"
                + " since_at = ?, last_error = ?, last_success_at = ?, last_attempt_at = ?,"
                + " consecutive_failures = ?, interval_ms = ?, next_poll_at = ? WHERE id = ?")) {
            bind(ps, s);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO source_status (" + COLUMNS
                    + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, s);
                ps.executeUpdate();
            }
        }
    }

    private static void bind(PreparedStatement ps, SourceStatus s) throws SQLException {
        Jdbc.setNullable(ps, 1, s.type());
        ps.setString(2, s.state().name());
        Jdbc.setMillis(ps, 3, s.since());
        String err = s.lastError();
        Jdbc.setNullable(ps, 4, err == null || err.length() <= MAX_ERROR ? err : err.substring(0, MAX_ERROR - 3) + "...");
        Jdbc.setMillis(ps, 5, s.lastSuccessAt());
        Jdbc.setMillis(ps, 6, s.lastAttemptAt());
        ps.setInt(7, s.consecutiveFailures());
        if (s.interval() == null) {
            ps.setNull(8, Types.BIGINT);
        } else {
            ps.setLong(8, s.interval().toMillis());
        }
        Jdbc.setMillis(ps, 9, s.nextPollAt());
        ps.setString(10, s.id());
    }

    static List<SourceStatus> read(Connection c) throws SQLException {
        List<SourceStatus> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + ", id FROM source_status ORDER BY id")) {
            while (rs.next()) {
                String id = rs.getString(10);
                try {
                    long interval = rs.getLong(8);
                    Duration iv = rs.wasNull() ? null : Duration.ofMillis(interval);
                    out.add(new SourceStatus(id, rs.getString(1), SourceState.valueOf(rs.getString(2)),
                            Jdbc.millis(rs, 3), rs.getString(4), Jdbc.millis(rs, 5), Jdbc.millis(rs, 6),
                            rs.getInt(7), iv, Jdbc.millis(rs, 9)));
                } catch (RuntimeException e) {
                    log.warn("Skipping an unreadable cached status of source {}: {}", id, e.toString());
                }
            }
        }
        return out;
    }
}
