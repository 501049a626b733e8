package io.watchfloor.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;

/** JDBC plumbing shared by the cache's parts: SQL callbacks, transactions, nullable columns. */
final class Jdbc {
    private static final Logger log = LoggerFactory.getLogger(Jdbc.class);

    /** Work on a connection that may throw {@link SQLException}. */
    interface SqlFn<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Work without a connection of its own that may throw {@link SQLException}. */
    interface SqlAction {
        void run() throws SQLException;
    }

    private Jdbc() {
    }

    /**
     * Runs {@code fn} as one transaction on {@code c}: commits when it returns, rolls back when it throws, and
     * leaves the connection in auto-commit either way (it goes back to a pool).
     */
    static <T> T inTransaction(Connection c, SqlFn<T> fn) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = fn.apply(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The original failure matters more than a failed rollback, which H2 undoes on its own anyway. */
    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("Rollback failed: {}", e.toString());
        }
    }

    static void setNullable(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }

    /** Times are stored as epoch milliseconds in a BIGINT (portable SQL, see V1__telemetry_cache.sql). */
    static void setMillis(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    static Instant millis(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** {@code t} in epoch milliseconds, clamped to the long range (Instant.MIN/MAX are valid query bounds). */
    static long toMillis(Instant t) {
        Objects.requireNonNull(t, "instant");
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
