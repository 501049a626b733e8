package io.watchfloor.cache;

import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilityObservation;
import io.watchfloor.model.endpoint.AvailabilitySegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code availability_segment} table (V2): the SLA ledger. Observations become segments by these rules, an
 * observation at t covering [t, t + validFor):
 * <ul>
 *   <li>same state as the endpoint's newest segment and t <= its end + validFor (one missed look tolerated):
 *       the segment is extended to t + validFor;</li>
 *   <li>another state within that reach: the newest segment is cut at t and a new one opens at t (at exactly its
 *       start, the newer judgement replaces it);</li>
 *   <li>beyond that reach: the newest keeps its end and a new segment opens; the gap between them is unknown
 *       (the console was not running or could not see the source);</li>
 *   <li>older than the newest segment's start: ignored (late data must not rewrite history).</li>
 * </ul>
 * The detail is the first reason seen in a segment (why it went down).
 *
 * <p>Writes: one transaction per {@link #record} call on the writer's connection, like samples, so a
 * {@code kill -9} loses at most the last {@link CacheDatabase#WRITE_DELAY_MS} and the table stays consistent.
 * Each endpoint's newest segment is kept in memory (loaded from the table at its first observation after a start,
 * so segments continue across a short restart), and a call costs one UPDATE per endpoint it extends. The memory
 * is only changed once the transaction has committed.
 */
final class AvailabilityLedger {
    private static final Logger log = LoggerFactory.getLogger(AvailabilityLedger.class);

    /** Segments that ended longer ago than this are deleted by maintenance: 90 days of windows plus slack. */
    static final Duration RETENTION = Duration.ofDays(100);
    /** Column sizes in V2__availability_segments.sql. */
    static final int MAX_ENDPOINT_ID = 512;
    static final int MAX_DETAIL = 512;

    private static final String SQL_NEWEST = "SELECT id, state, start_ms, end_ms, detail FROM availability_segment"
            + " WHERE endpoint_id = ? ORDER BY start_ms DESC, id DESC FETCH FIRST 1 ROWS ONLY";
    private static final String SQL_UPDATE = "UPDATE availability_segment SET state = ?, end_ms = ?, detail = ?"
            + " WHERE id = ?";
    private static final String SQL_INSERT = "INSERT INTO availability_segment (endpoint_id, state, start_ms, end_ms,"
            + " detail) VALUES (?, ?, ?, ?, ?)";

    /** The newest segment of every endpoint observed since the store opened; guarded by the write lock. */
    private final Map<String, Segment> newest = new HashMap<>();

    /** Writer only: adds the observations in time order, in one transaction. */
    void record(Connection c, List<AvailabilityObservation> observations) throws SQLException {
        List<AvailabilityObservation> valid = new ArrayList<>(observations.size());
        for (AvailabilityObservation o : observations) {
            if (o != null && fits(o)) {
                valid.add(o);
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        valid.sort(Comparator.comparing(AvailabilityObservation::at)); // stable: equal times keep their order
        Map<String, Work> work = new LinkedHashMap<>();
        for (AvailabilityObservation o : valid) {
            if (!work.containsKey(o.endpointId())) {
                work.put(o.endpointId(), new Work(newestOf(c, o.endpointId())));
            }
        }
        try {
            for (AvailabilityObservation o : valid) {
                apply(work.get(o.endpointId()), o);
            }
            Jdbc.inTransaction(c, tx -> {
                write(tx, work.values());
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            // rolled back: what we knew in memory may no longer match; read it again next time
            work.keySet().forEach(newest::remove);
            throw e;
        }
        work.forEach((id, w) -> {
            if (w.current != null) {
                newest.put(id, w.current);
            }
        });
    }

    private static boolean fits(AvailabilityObservation o) {
        if (o.endpointId().length() > MAX_ENDPOINT_ID) {
            log.warn("Not recording availability of an endpoint whose id is longer than {} characters",
                    MAX_ENDPOINT_ID);
            return false;
        }
        if (o.validFor().toMillis() <= 0) {
            log.warn("Not recording an availability observation of {} valid for {}: it covers no time",
                    o.endpointId(), o.validFor());
            return false;
        }
        return true;
    }

    private static void apply(Work w, AvailabilityObservation o) {
        long t = o.at().toEpochMilli();
        long validFor = o.validFor().toMillis();
        String detail = truncate(o.detail());
        Segment cur = w.current;
        if (cur == null) {
            w.open(new Segment(-1, o.endpointId(), o.state(), t, t + validFor, detail));
        } else if (t < cur.start) {
            log.debug("Ignoring a late availability observation of {} at {}", o.endpointId(), o.at());
        } else if (t > cur.end + validFor) {
            w.open(new Segment(-1, o.endpointId(), o.state(), t, t + validFor, detail));
        } else if (o.state() == cur.state) {
            w.change(cur.with(cur.state, Math.max(cur.end, t + validFor), cur.detail != null ? cur.detail : detail));
        } else if (t == cur.start) {
            // two judgements at the same instant: the later one replaces it instead of leaving an empty segment
            w.change(cur.with(o.state(), t + validFor, detail));
        } else {
            w.change(cur.with(cur.state, t, cur.detail));
            w.open(new Segment(-1, o.endpointId(), o.state(), t, t + validFor, detail));
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL - 3) + "...";
    }

    /** The endpoint's newest segment, from memory or else the table; null when it has none. */
    private Segment newestOf(Connection c, String endpointId) throws SQLException {
        Segment s = newest.get(endpointId);
        if (s != null) {
            return s;
        }
        try (PreparedStatement ps = c.prepareStatement(SQL_NEWEST)) {
            ps.setString(1, endpointId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Availability state = stateOf(rs.getString(2));
                if (state == null) {
                    log.warn("The newest cached availability segment of {} has an unknown state {};"
                            + " starting a new one", endpointId, rs.getString(2));
                    return null;
                }
                return new Segment(rs.getLong(1), endpointId, state, rs.getLong(3), rs.getLong(4), rs.getString(5));
            }
        }
    }

    /** Segments of one endpoint overlapping [from, to), by start. Any connection. */
    static List<AvailabilitySegment> read(Connection c, String endpointId, long from, long to) throws SQLException {
        List<AvailabilitySegment> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT state, start_ms, end_ms, detail"
                + " FROM availability_segment WHERE endpoint_id = ? AND start_ms < ? AND end_ms > ?"
                + " ORDER BY start_ms, id")) {
            ps.setString(1, endpointId);
            ps.setLong(2, to);
            ps.setLong(3, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Availability state = stateOf(rs.getString(1));
                    if (state == null) {
                        log.warn("Skipping a cached availability segment of {} with an unknown state {}", endpointId,
                                rs.getString(1));
                        continue;
                    }
                    out.add(new AvailabilitySegment(endpointId, state, Instant.ofEpochMilli(rs.getLong(2)),
                            Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** Writer only: deletes the segments that ended before {@code before}; returns how many. */
    int expire(Connection c, long before) throws SQLException {
        int deleted;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM availability_segment WHERE end_ms < ?")) {
            ps.setLong(1, before);
            deleted = ps.executeUpdate();
        }
        newest.values().removeIf(s -> s.end < before);
        return deleted;
    }

    private static Availability stateOf(String name) {
        for (Availability a : Availability.values()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** A segment as stored; id -1 until inserted. */
    private record Segment(long id, String endpointId, Availability state, long start, long end, String detail) {
        Segment with(Availability newState, long newEnd, String newDetail) {
            return new Segment(id, endpointId, newState, start, newEnd, newDetail);
        }

        Segment withId(long newId) {
            return new Segment(newId, endpointId, state, start, end, detail);
        }
    }

    /** One endpoint during a call: its newest segment, and the segments this call closed that must be written. */
    private static final class Work {
        Segment current;
        /** Whether {@link #current} differs from the table. */
        boolean dirty;
        final List<Segment> closed = new ArrayList<>(1);

        Work(Segment newest) {
            this.current = newest;
        }

        void change(Segment s) {
            current = s;
            dirty = true;
        }

        /** Closes the current segment and makes {@code s} the newest. */
        void open(Segment s) {
            if (current != null && dirty) {
                closed.add(current);
            }
            current = s;
            dirty = true;
        }
    }

    /**
     * Writes what the call changed: updates, and inserts of segments already closed, in batches; a new newest
     * segment alone, to learn its id. Sets each Work's current to the stored segment.
     */
    private static void write(Connection c, Iterable<Work> work) throws SQLException {
        List<Segment> updates = new ArrayList<>();
        List<Segment> inserts = new ArrayList<>();
        List<Work> newNewest = new ArrayList<>();
        for (Work w : work) {
            for (Segment s : w.closed) {
                (s.id >= 0 ? updates : inserts).add(s);
            }
            if (w.current != null && w.dirty) {
                if (w.current.id >= 0) {
                    updates.add(w.current);
                } else {
                    newNewest.add(w);
                }
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(SQL_UPDATE)) {
                for (Segment s : updates) {
                    ps.setString(1, s.state.name());
                    ps.setLong(2, s.end);
                    Jdbc.setNullable(ps, 3, s.detail);
                    ps.setLong(4, s.id);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        // only maintenance deletes rows, and it forgets them here too: this is a bug, not weather
                        throw new SQLException("availability segment " + updates.get(i).id + " of "
                                + updates.get(i).endpointId + " is no longer in the cache");
                    }
                }
            }
        }
        if (!inserts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(SQL_INSERT)) {
                for (Segment s : inserts) {
                    bindInsert(ps, s);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!newNewest.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(SQL_INSERT, new String[] {"id"})) {
                for (Work w : newNewest) {
                    bindInsert(ps, w.current);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        if (!keys.next()) {
                            throw new SQLException("no id came back for a new availability segment");
                        }
                        w.current = w.current.withId(keys.getLong(1));
                    }
                }
            }
        }
    }

    private static void bindInsert(PreparedStatement ps, Segment s) throws SQLException {
        ps.setString(1, s.endpointId);
        ps.setString(2, s.state.name());
        ps.setLong(3, s.start);
        ps.setLong(4, s.end);
        Jdbc.setNullable(ps, 5, s.detail);
    }
}
