package io.watchfloor.usage.ledger;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.usage.UsageFigures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import static io.watchfloor.usage.ledger.LedgerFixture.T0;
import static io.watchfloor.usage.ledger.LedgerFixture.endpoint;
import static io.watchfloor.usage.ledger.LedgerFixture.endpointEvery;
import static io.watchfloor.usage.ledger.LedgerFixture.gpu;
import static io.watchfloor.usage.ledger.LedgerFixture.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live readings integrated into ledger minutes and hours, written to a real cache file. */
class UsageLedgerLiveTest {
    private static final double EPS = 1e-6;

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

    private UsageSums total(String id, long fromMinute, long toMinute) {
        return f.ledger.totals(List.of(id), min(fromMinute), min(toMinute)).getOrDefault(id, UsageSums.NONE);
    }

    @ParameterizedTest
    @ValueSource(longs = {15, 60, 300})
    void ratesIntegrateToExactCountsWhateverTheSamplingInterval(long everySeconds) {
        f.ledger.add(endpointEvery("chat", T0, min(10), everySeconds,
                Map.of(Metric.REQUESTS_PM, 120.0, Metric.TOKENS_IN_PM, 6000.0, Metric.TOKENS_OUT_PM, 900.0)));
        f.ledger.flushAll();

        UsageSums s = total("chat", 0, 10);
        assertEquals(1200, s.requests(), EPS);
        assertEquals(60_000, s.tokensIn(), EPS);
        assertEquals(9_000, s.tokensOut(), EPS);
        assertEquals(10, s.coveredMinutes());
        // the first sample after start stands for the minute before it
        assertEquals(120, total("chat", -1, 0).requests(), EPS);
    }

    @Test
    void aSilenceLongerThanTheCapLeavesGapMinutesNotZeros() {
        Map<Metric, Double> m = Map.of(Metric.REQUESTS_PM, 60.0);
        f.ledger.add(endpointEvery("chat", T0, min(10), 60, m));
        f.ledger.add(endpointEvery("chat", min(40), min(50), 60, m));
        f.ledger.flushAll();

        UsageSums s = total("chat", 0, 50);
        // minutes 0-9, then the sample at 40 covers only 30-39 (10-minute cap), then 40-49
        assertEquals(30, s.coveredMinutes());
        assertEquals(30 * 60, s.requests(), EPS);
        NavigableMap<Long, UsageSums> steps = f.ledger.steps(List.of("chat"), T0, min(50), 60_000);
        assertEquals(30, steps.size());
        for (long minute = 10; minute < 30; minute++) {
            assertFalse(steps.containsKey(min(minute).toEpochMilli()), "minute " + minute + " is a gap");
        }
        assertEquals(20, s.figures(50, 1).gapMinutes());
    }

    @Test
    void errorAndThrottlePercentagesBecomeCountsAndMissingMetricsAddNothing() {
        f.ledger.add(endpointEvery("chat", T0, min(5), 60,
                Map.of(Metric.REQUESTS_PM, 60.0, Metric.ERROR_PCT, 10.0, Metric.THROTTLE_PCT, 5.0)));
        // a provider that reports no tokens: they stay zero sums, and a reading without usage adds no minute
        f.ledger.add(List.of(endpoint("chat", min(6), Map.of(Metric.AVAILABILITY_PCT, 100.0))));
        f.ledger.flushAll();

        UsageSums s = total("chat", 0, 10);
        assertEquals(300, s.requests(), EPS);
        assertEquals(30, s.errors(), EPS);
        assertEquals(15, s.throttles(), EPS);
        assertEquals(0, s.tokensIn(), EPS);
        assertEquals(5, s.coveredMinutes());
        UsageFigures figures = s.figures(10, 1);
        assertNull(figures.p95Ms(), "no latency reported is no latency, not 0 ms");
    }

    @Test
    void latencyIsWeightedByRequestsAndByTimeWhenIdle() {
        List<Reading> rs = new ArrayList<>();
        rs.add(endpoint("chat", T0, Map.of(Metric.REQUESTS_PM, 100.0, Metric.P95_MS, 200.0)));
        rs.add(endpoint("chat", min(1), Map.of(Metric.REQUESTS_PM, 100.0, Metric.P95_MS, 200.0)));
        rs.add(endpoint("chat", min(2), Map.of(Metric.REQUESTS_PM, 300.0, Metric.P95_MS, 400.0,
                Metric.P50_MS, 100.0, Metric.AVG_MS, 150.0)));
        f.ledger.add(rs);
        f.ledger.flushAll();

        UsageFigures busy = total("chat", 0, 2).figures(2, 1);
        assertEquals((200 * 100 + 400 * 300) / 400.0, busy.p95Ms(), EPS);
        assertEquals(100, busy.p50Ms(), EPS);

        // idle minutes (0 requests) still carry their latency, weighted by the time they cover
        f.ledger.add(List.of(endpoint("idle", T0, Map.of(Metric.REQUESTS_PM, 0.0, Metric.P95_MS, 80.0)),
                endpoint("idle", min(1), Map.of(Metric.P95_MS, 120.0))));
        f.ledger.flushAll();
        UsageSums idle = total("idle", -1, 1);
        assertEquals(2, idle.p95Weight(), EPS);
        assertEquals(100, idle.figures(2, 1).p95Ms(), EPS);
    }

    @Test
    void gpuHoursCountIdleHeldTimeAndMeanUse() {
        List<Reading> rs = new ArrayList<>();
        for (int m = 0; m <= 60; m++) {
            boolean idle = m <= 30;
            rs.add(gpu("gpu-a1", "3", min(m), Map.of(Metric.UTIL_PCT, idle ? 2.0 : 80.0,
                    Metric.MEM_USED_MIB, 20_000.0, Metric.MEM_TOTAL_MIB, 81_559.0)));
            // allocated nothing: idle, but not held
            rs.add(gpu("gpu-a1", "4", min(m), Map.of(Metric.UTIL_PCT, 0.0, Metric.MEM_USED_MIB, 500.0)));
        }
        f.ledger.add(rs);
        f.ledger.flushAll();

        List<GpuHour> hours = f.ledger.gpuHours(List.of("gpu-a1"), T0, min(60));
        assertEquals(2, hours.size());
        GpuHour g3 = hours.get(0);
        assertEquals("gpu-a1/gpu3", g3.tileId());
        assertEquals("gpu-a1", g3.host());
        assertEquals(3_600_000, g3.observedMillis());
        assertEquals(1_800_000, g3.idleHeldMillis());
        assertEquals(41, g3.utilPctMillis() / g3.observedMillis(), EPS);
        assertEquals(20_000, g3.memUsedMibMillis() / g3.observedMillis(), EPS);
        assertEquals(81_559, g3.memTotalMib(), EPS);
        GpuHour g4 = hours.get(1);
        assertEquals(0, g4.idleHeldMillis());
        assertEquals(0, g4.memTotalMib(), EPS);
        // the first sample's minute before T0 is in the previous hour
        assertEquals(60_000, f.ledger.gpuHours(List.of("gpu-a1"), min(-60), T0).get(0).observedMillis());
        assertTrue(f.ledger.gpuHours(List.of("other"), T0, min(60)).isEmpty());
    }

    @Test
    void flushWritesOnlyMinutesEndedTwoMinutesAgo() {
        f.ledger.add(endpointEvery("chat", T0, min(10), 15, Map.of(Metric.REQUESTS_PM, 60.0)));
        f.ledger.flush(min(10));
        assertEquals(8 * 60, total("chat", 0, 10).requests(), EPS);
        f.ledger.flush(min(10));
        assertEquals(8 * 60, total("chat", 0, 10).requests(), EPS, "a second flush writes nothing twice");
        f.ledger.flush(min(13));
        assertEquals(10 * 60, total("chat", 0, 10).requests(), EPS);
    }

    @Test
    void aRestartInsideAMinuteAddsUpWithoutCountingTimeTwice() {
        Map<Metric, Double> m = Map.of(Metric.REQUESTS_PM, 60.0);
        f.ledger.add(endpointEvery("chat", T0, min(5).plusSeconds(30), 15, m));
        f.ledger.add(List.of(gpu("gpu-a1", "0", T0, Map.of(Metric.UTIL_PCT, 50.0)),
                gpu("gpu-a1", "0", min(5), Map.of(Metric.UTIL_PCT, 50.0))));
        f.reopen();
        // the first sample after the restart covers back to where the last run stopped, not a whole minute
        f.ledger.add(endpointEvery("chat", min(5).plusSeconds(45), min(10), 15, m));
        f.ledger.add(List.of(gpu("gpu-a1", "0", min(6), Map.of(Metric.UTIL_PCT, 50.0))));
        f.reopen();

        UsageSums s = total("chat", 0, 10);
        assertEquals(600, s.requests(), EPS);
        assertEquals(10, s.coveredMinutes());
        NavigableMap<Long, UsageSums> steps = f.ledger.steps(List.of("chat"), T0, min(10), 60_000);
        assertEquals(60, steps.get(min(5).toEpochMilli()).requests(), EPS);
        GpuHour h = f.ledger.gpuHours(List.of("gpu-a1"), T0, min(60)).get(0);
        assertEquals(6 * 60_000, h.observedMillis());
    }
}
