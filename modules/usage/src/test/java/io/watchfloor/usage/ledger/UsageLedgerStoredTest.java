package io.watchfloor.usage.ledger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import static io.watchfloor.usage.ledger.LedgerFixture.T0;
import static io.watchfloor.usage.ledger.LedgerFixture.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk writes, the read API and retention on a real cache file. */
class UsageLedgerStoredTest {
    private static final double EPS = 1e-9;

    @TempDir
    Path dir;
    private LedgerFixture f;

    @BeforeEach
    void open() {
        f = new LedgerFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** requests = minute index + 1, so sums over ranges are easy to check. */
    private static List<EndpointMinute> minutes(String id, long fromMinute, int count) {
        List<EndpointMinute> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double req = fromMinute + i + 1;
            out.add(new EndpointMinute(id, min(fromMinute + i), 60_000, req, 10 * req, 2 * req, 1, 0.5,
                    200 * req, req, 500 * req, req, 300 * req, req));
        }
        return out;
    }

    @Test
    void writtenMinutesComeBackAsTotalsAndSteps() {
        f.ledger.writeMinutes(minutes("a", 0, 120));
        f.ledger.writeMinutes(minutes("b", 0, 120));
        f.ledger.writeMinutes(minutes("c", 0, 120));
        // writing again replaces rather than adds
        f.ledger.writeMinutes(minutes("a", 0, 120));

        Map<String, UsageSums> totals = f.ledger.totals(List.of("a", "b", "missing"), min(0), min(60));
        assertEquals(2, totals.size(), "an endpoint without rows is absent");
        UsageSums a = totals.get("a");
        assertEquals(60, a.coveredMinutes());
        assertEquals(60 * 61 / 2.0, a.requests(), EPS);
        assertEquals(10 * 60 * 61 / 2.0, a.tokensIn(), EPS);
        assertEquals(60, a.errors(), EPS);
        assertEquals(200, a.figures(60, 1).p50Ms(), EPS);

        NavigableMap<Long, UsageSums> steps = f.ledger.steps(List.of("a", "b"), min(15), min(120), 30 * 60_000);
        assertEquals(List.of(min(15).toEpochMilli(), min(45).toEpochMilli(), min(75).toEpochMilli(),
                min(105).toEpochMilli()), List.copyOf(steps.keySet()));
        // [15, 45): minutes 16..45 in requests, for two endpoints
        assertEquals(2 * (45 * 46 / 2.0 - 15 * 16 / 2.0), steps.firstEntry().getValue().requests(), EPS);
        assertEquals(60, steps.firstEntry().getValue().coveredMinutes());
        // the last step is cut by [from, to): minutes 105..119
        assertEquals(30, steps.lastEntry().getValue().coveredMinutes());

        Map.Entry<Instant, Instant> span = f.ledger.span();
        assertEquals(min(0), span.getKey());
        assertEquals(min(119), span.getValue());
        assertTrue(f.ledger.totals(List.of(), min(0), min(60)).isEmpty());
    }

    @Test
    void anEmptyLedgerHasNoSpan() {
        assertNull(f.ledger.span());
        assertTrue(f.ledger.steps(List.of("a"), min(0), min(60), 60_000).isEmpty());
    }

    @Test
    void gpuHoursRoundTripByHost() {
        Instant h0 = T0;
        f.ledger.writeGpuHours(List.of(
                new GpuHour("gpu-a1", "gpu-a1/gpu1", h0, 3_600_000, 600_000, 3_600_000.0 * 40, 3_600_000.0 * 9000,
                        81_559),
                new GpuHour("gpu-a1", "gpu-a1/gpu0", h0.plusSeconds(3600), 1_000, 0, 0, 0, 81_559),
                new GpuHour("gpu-a1", "gpu-a1/gpu0", h0, 2_000, 0, 0, 0, 81_559),
                new GpuHour("gpu-b2", "gpu-b2/gpu0", h0, 3_600_000, 0, 0, 0, 0)));
        List<GpuHour> hours = f.ledger.gpuHours(List.of("gpu-a1"), h0, h0.plusSeconds(7200));
        assertEquals(List.of("gpu-a1/gpu0", "gpu-a1/gpu0", "gpu-a1/gpu1"), hours.stream().map(GpuHour::tileId).toList());
        assertEquals(h0, hours.get(0).hour());
        assertEquals(600_000, hours.get(2).idleHeldMillis());
        assertEquals(1, f.ledger.gpuHours(List.of("gpu-a1"), h0.plusSeconds(3600), h0.plusSeconds(7200)).size());
    }

    @Test
    void retentionDeletesWhatIsOlderThanSeventyDays() {
        Instant now = T0;
        long old = -Duration.ofDays(71).toMinutes();
        long kept = -Duration.ofDays(69).toMinutes();
        f.ledger.writeMinutes(minutes("a", old, 10));
        f.ledger.writeMinutes(minutes("a", kept, 10));
        f.ledger.writeGpuHours(List.of(new GpuHour("h", "h/gpu0", min(old), 1, 0, 0, 0, 0),
                new GpuHour("h", "h/gpu0", now.minus(Duration.ofHours(2)), 1, 0, 0, 0, 0)));

        f.ledger.maintain(now);

        assertFalse(f.ledger.totals(List.of("a"), min(old), min(old + 10)).containsKey("a"));
        assertEquals(10, f.ledger.totals(List.of("a"), min(kept), min(kept + 10)).get("a").coveredMinutes());
        assertEquals(1, f.ledger.gpuHours(List.of("h"), min(old), now).size());
        assertEquals(min(kept), f.ledger.span().getKey());
    }

    /** The benchmark's volume: 50 endpoints x 30 days of minutes. {@code -Dledger.bench=true} to run. */
    @Test
    @EnabledIfSystemProperty(named = "ledger.bench", matches = "true")
    void bulkWriteOfAMonthForFiftyEndpoints() {
        long started = System.nanoTime();
        for (int e = 0; e < 50; e++) {
            f.ledger.writeMinutes(minutes("endpoint-" + e, -43_200, 43_200));
        }
        long writeMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        List<String> all = new ArrayList<>();
        for (int e = 0; e < 50; e++) {
            all.add("endpoint-" + e);
        }
        Map<String, UsageSums> totals = f.ledger.totals(all, min(-43_200), T0);
        long totalsMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        NavigableMap<Long, UsageSums> days = f.ledger.steps(all, min(-43_200), T0, 86_400_000);
        long stepsMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        f.ledger.span();
        long spanMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("BENCH write %d ms, totals %d ms, steps %d ms, span %d ms%n", writeMs, totalsMs, stepsMs,
                spanMs);
        // a zone at :30 (Asia/Kolkata) cuts every hour at the window's edges and at hourly steps
        Instant from30 = min(-43_200 + 30);
        Instant to15 = min(-15);
        started = System.nanoTime();
        Map<String, UsageSums> totals30 = f.ledger.totals(all, from30, to15);
        long totals30Ms = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        NavigableMap<Long, UsageSums> hours = f.ledger.steps(all, min(-43_200), T0, 3_600_000);
        long hourlyMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        NavigableMap<Long, UsageSums> days30 = f.ledger.steps(all, from30, to15, 86_400_000);
        long days30Ms = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        NavigableMap<Long, UsageSums> hours30 = f.ledger.steps(List.of("endpoint-7"), from30, to15, 3_600_000);
        long hourly30Ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("BENCH totals at :30 %d ms, hourly steps %d ms, daily steps at :30 %d ms, "
                + "hourly steps at :30 for one endpoint %d ms%n", totals30Ms, hourlyMs, days30Ms, hourly30Ms);
        assertEquals(50, totals30.size());
        assertEquals(720, hours.size());
        assertEquals(30, days30.size());
        assertEquals(720, hours30.size());
        assertEquals(50, totals.size());
        assertEquals(30, days.size());
    }
}
