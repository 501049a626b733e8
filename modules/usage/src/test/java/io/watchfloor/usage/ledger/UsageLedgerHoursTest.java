package io.watchfloor.usage.ledger;

import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.cache.SharedDatabase;
import io.watchfloor.model.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import static io.watchfloor.usage.ledger.LedgerFixture.CLOCK;
import static io.watchfloor.usage.ledger.LedgerFixture.T0;
import static io.watchfloor.usage.ledger.LedgerFixture.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hourly rollup gives the same totals and steps as summing the minutes themselves (what the ledger did before
 * usage_hours), over windows aligned and not aligned to hours, after replacing minutes, after live flushes that add
 * to them, after retention, and after the V2 backfill.
 */
class UsageLedgerHoursTest {
    private static final List<String> IDS = List.of("a", "b", "c");
    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;

    @TempDir
    Path dir;

    /** Two days of minutes (T0 - 1 day to T0 + 1 day) with gaps and partly covered minutes. */
    private static List<EndpointMinute> twoDays(String id, long seed, double scale) {
        Random r = new Random(seed);
        List<EndpointMinute> out = new ArrayList<>();
        for (long m = -1440; m < 1440; m++) {
            if (r.nextInt(10) == 0) {
                continue; // a gap
            }
            out.add(minute(id, m, r, scale));
        }
        return out;
    }

    private static EndpointMinute minute(String id, long m, Random r, double scale) {
        double req = scale * (1 + r.nextInt(500));
        long covered = r.nextInt(4) == 0 ? 1_000 + r.nextInt(59_000) : 60_000;
        return new EndpointMinute(id, min(m), covered, req, 7 * req, 3 * req, r.nextDouble() * req / 10,
                r.nextDouble() * req / 20, 180 * req, req, 900 * req, req, 300 * req, req);
    }

    @Test
    void hoursGiveTheSameTotalsAndStepsAsMinutes() {
        try (LedgerFixture f = new LedgerFixture(dir)) {
            writeAll(f, 1);
            assertSameAsMinutes(f);
        }
    }

    @Test
    void replacingMinutesRecomputesTheirHours() {
        try (LedgerFixture f = new LedgerFixture(dir)) {
            writeAll(f, 1);
            // half an hour on each side of 12:00 for "a", new values in place of the old, one new (gap) minute
            Random r = new Random(99);
            List<EndpointMinute> again = new ArrayList<>();
            for (long m = 90; m < 150; m++) {
                again.add(minute("a", m, r, 10));
            }
            f.ledger.writeMinutes(again);
            f.ledger.writeMinutes(twoDays("b", 2, 0.5)); // all of "b" again, at half the rate
            assertSameAsMinutes(f);
            assertEquals(sumOf(again, 0, 30), f.ledger.totals(List.of("a"), min(90), min(120)).get("a").requests(),
                    1e-6, "a half hour inside the replaced range reads the new values");
        }
    }

    private static double sumOf(List<EndpointMinute> rows, int from, int to) {
        return rows.subList(from, to).stream().mapToDouble(EndpointMinute::requests).sum();
    }

    @Test
    void liveFlushesThatAddToStoredMinutesKeepTheirHoursRight() {
        try (LedgerFixture f = new LedgerFixture(dir)) {
            writeAll(f, 1);
            // live samples every 20 s from 10:40 to 12:20 for "a" (stored minutes get more) and "d" (new minutes)
            Map<Metric, Double> metrics = Map.of(Metric.REQUESTS_PM, 120.0, Metric.TOKENS_IN_PM, 900.0,
                    Metric.P95_MS, 700.0, Metric.ERROR_PCT, 2.0);
            for (String id : List.of("a", "d")) {
                f.ledger.add(LedgerFixture.endpointEvery(id, min(40), min(100), 20, metrics));
            }
            f.ledger.flush(min(75));
            f.ledger.add(LedgerFixture.endpointEvery("a", min(100).plusSeconds(20), min(140), 20, metrics));
            f.ledger.flush(min(200));
            assertSameAsMinutes(f);
            assertEquals(61, f.ledger.totals(List.of("d"), min(0), min(200)).get("d").coveredMinutes(),
                    "the first sample covers the minute before it: 10:39 to 11:40");
        }
    }

    @Test
    void retentionRemovesOldHoursWithTheirMinutes() throws SQLException {
        try (LedgerFixture f = new LedgerFixture(dir)) {
            long old = -Duration.ofDays(71).toMinutes();
            long kept = -Duration.ofDays(69).toMinutes();
            Random r = new Random(5);
            List<EndpointMinute> rows = new ArrayList<>();
            for (long m = 0; m < 180; m++) {
                rows.add(minute("a", old + m, r, 1));
                rows.add(minute("a", kept + m, r, 1));
            }
            f.ledger.writeMinutes(rows);
            f.ledger.maintain(T0);

            long cut = T0.minus(UsageLedger.RETENTION).toEpochMilli();
            assertEquals(0, count(f.store.database(), "SELECT COUNT(*) FROM usage_hours WHERE hour_start < ?", cut));
            assertEquals(3, count(f.store.database(), "SELECT COUNT(*) FROM usage_hours WHERE hour_start >= ?", cut));
            assertTrue(f.ledger.totals(List.of("a"), min(old), min(old + 180)).isEmpty());
            assertEquals(180, f.ledger.totals(List.of("a"), min(kept - 60), min(kept + 240)).get("a")
                    .coveredMinutes());
            assertHoursAreTheirMinutes(f.store.database());
        }
    }

    @Test
    void theMigrationBackfillsHoursFromStoredMinutes() throws Exception {
        H2TelemetryStore store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, CLOCK);
        try {
            SharedDatabase db = store.database();
            // a ledger of schema version 1 with a day of minutes in it
            Path v1 = Files.createDirectories(dir.resolve("v1-only"));
            try (var in = getClass().getResourceAsStream("/db/usage/V1__usage_ledger.sql")) {
                Files.copy(in, v1.resolve("V1__usage_ledger.sql"));
            }
            db.migrate("filesystem:" + v1, UsageLedger.HISTORY_TABLE, getClass().getClassLoader());
            List<EndpointMinute> rows = new ArrayList<>(twoDays("a", 1, 1));
            rows.addAll(twoDays("b", 2, 1));
            db.read(c -> {
                LedgerWrites.replaceMinutes(c, rows);
                return null;
            });

            UsageLedger ledger = UsageLedger.open(db, CLOCK);

            assertEquals(96, count(db, "SELECT COUNT(*) FROM usage_hours WHERE hour_start >= ?", 0));
            assertHoursAreTheirMinutes(db);
            Map<String, UsageSums> totals = ledger.totals(List.of("a", "b"), min(-1410), min(1395));
            assertSame(minuteTotals(db, List.of("a", "b"), min(-1410), min(1395)), totals, "backfilled totals");
        } finally {
            store.close();
        }
    }

    private static void writeAll(LedgerFixture f, double scale) {
        for (int i = 0; i < IDS.size(); i++) {
            f.ledger.writeMinutes(twoDays(IDS.get(i), i + 1, scale));
        }
    }

    /** Windows and steps that the report and the Usage page ask for, compared with minute-only reads. */
    private static void assertSameAsMinutes(LedgerFixture f) {
        SharedDatabase db = f.store.database();
        assertHoursAreTheirMinutes(db);
        assertEquals(count(db, "SELECT MIN(minute_start) FROM usage_minutes WHERE ? = 0", 0),
                f.ledger.span().getKey().toEpochMilli(), "the first minute");
        assertEquals(count(db, "SELECT MAX(minute_start) FROM usage_minutes WHERE ? = 0", 0),
                f.ledger.span().getValue().toEpochMilli(), "the last minute");
        List<String> ids = List.of("a", "b", "c", "d", "missing");
        List<Instant[]> windows = List.of(
                new Instant[]{min(0), min(180)},          // 10:00 to 13:00, whole hours
                new Instant[]{min(30), min(195)},         // 10:30 to 13:15
                new Instant[]{min(5), min(50)},           // inside one hour
                new Instant[]{min(45), min(75)},          // across one hour boundary, no whole hour
                new Instant[]{min(-1410), min(1395)},     // a zone at :30 over two days, cut at :15
                new Instant[]{min(-1440), min(1440)},     // everything
                new Instant[]{min(-1439).plusSeconds(17), min(1000).plusSeconds(5)}); // not on minutes either
        for (Instant[] w : windows) {
            assertSame(minuteTotals(db, ids, w[0], w[1]), f.ledger.totals(ids, w[0], w[1]),
                    "totals " + w[0] + " to " + w[1]);
            for (long step : List.of(HOUR, DAY, 90 * 60_000L, 15 * 60_000L, 60_000L, 7 * 60_000L + 13, 3 * HOUR)) {
                assertSame(minuteSteps(db, ids, w[0], w[1], step), f.ledger.steps(ids, w[0], w[1], step),
                        "steps of " + step + " ms " + w[0] + " to " + w[1]);
            }
        }
    }

    private static <K> void assertSame(Map<K, UsageSums> expected, Map<K, UsageSums> actual, String what) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), what + ": keys");
        expected.forEach((k, e) -> {
            UsageSums a = actual.get(k);
            String at = what + " at " + k;
            assertEquals(e.coveredMinutes(), a.coveredMinutes(), at + ": covered minutes");
            double[] ev = values(e);
            double[] av = values(a);
            for (int i = 0; i < ev.length; i++) {
                assertEquals(ev[i], av[i], 1e-9 * Math.max(1, Math.abs(ev[i])), at + ": sum " + i);
            }
        });
    }

    private static double[] values(UsageSums s) {
        return new double[]{s.requests(), s.tokensIn(), s.tokensOut(), s.errors(), s.throttles(), s.p50Sum(),
                s.p50Weight(), s.p95Sum(), s.p95Weight(), s.avgSum(), s.avgWeight()};
    }

    private static final String MINUTE_SUMS = "COUNT(*), SUM(requests), SUM(tokens_in), SUM(tokens_out), "
            + "SUM(errors), SUM(throttles), SUM(p50_sum), SUM(p50_weight), SUM(p95_sum), SUM(p95_weight), "
            + "SUM(avg_sum), SUM(avg_weight)";

    /** The ledger's reads before usage_hours existed: everything from the minutes. */
    private static Map<String, UsageSums> minuteTotals(SharedDatabase db, List<String> ids, Instant from,
                                                       Instant to) {
        Map<String, UsageSums> out = new TreeMap<>();
        query(db, "SELECT endpoint_id, " + MINUTE_SUMS + " FROM usage_minutes WHERE endpoint_id IN ("
                        + marks(ids) + ") AND minute_start >= ? AND minute_start < ? GROUP BY endpoint_id",
                ids, from, to, rs -> out.put(rs.getString(1), sums(rs)));
        return out;
    }

    private static NavigableMap<Long, UsageSums> minuteSteps(SharedDatabase db, List<String> ids, Instant from,
                                                             Instant to, long step) {
        NavigableMap<Long, UsageSums> out = new TreeMap<>();
        long f = from.toEpochMilli();
        query(db, "SELECT (minute_start - " + f + ") / " + step + " AS step, " + MINUTE_SUMS
                        + " FROM usage_minutes WHERE endpoint_id IN (" + marks(ids)
                        + ") AND minute_start >= ? AND minute_start < ? GROUP BY step",
                ids, from, to, rs -> out.put(f + rs.getLong(1) * step, sums(rs)));
        return out;
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(SharedDatabase db, String sql, List<String> ids, Instant from, Instant to, Row row) {
        try {
            db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = 1;
                    for (String id : ids) {
                        ps.setString(i++, id);
                    }
                    ps.setLong(i, from.toEpochMilli());
                    ps.setLong(i + 1, to.toEpochMilli());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            row.accept(rs);
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static UsageSums sums(ResultSet rs) throws SQLException {
        return new UsageSums(rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
                rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10), rs.getDouble(11),
                rs.getDouble(12), rs.getDouble(13));
    }

    private static String marks(List<String> ids) {
        return String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
    }

    /** Every hour row is its minutes added up, and every hour with minutes has a row. */
    private static void assertHoursAreTheirMinutes(SharedDatabase db) {
        String byHour = "SELECT endpoint_id, (minute_start / 3600000) * 3600000 AS h, COUNT(*) AS n, "
                + "SUM(covered_ms) AS cov, SUM(requests) AS req, SUM(p95_weight) AS w FROM usage_minutes "
                + "GROUP BY endpoint_id, h";
        String mismatches = "SELECT COUNT(*) FROM (" + byHour + ") m LEFT JOIN usage_hours u "
                + "ON u.endpoint_id = m.endpoint_id AND u.hour_start = m.h WHERE u.endpoint_id IS NULL "
                + "OR u.minute_rows <> m.n OR u.covered_ms <> m.cov "
                + "OR ABS(u.requests - m.req) > 1e-6 OR ABS(u.p95_weight - m.w) > 1e-6 OR ? < 0";
        assertEquals(0, count(db, mismatches, 0), "hours that are not the sum of their minutes");
        assertEquals(count(db, "SELECT COUNT(*) FROM (" + byHour + ") m WHERE ? = 0", 0),
                count(db, "SELECT COUNT(*) FROM usage_hours WHERE ? = 0", 0), "hours without minutes");
    }

    private static long count(SharedDatabase db, String sql, long arg) {
        try {
            return db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, arg);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
