package io.watchfloor.usage.report;

import static io.watchfloor.usage.report.Fixtures.config;
import static io.watchfloor.usage.report.Fixtures.endpoint;
import static io.watchfloor.usage.report.Fixtures.price;
import static io.watchfloor.usage.report.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.watchfloor.config.CustomerConfig;
import io.watchfloor.config.PriceModel;
import io.watchfloor.usage.OptimisationHint;
import io.watchfloor.usage.OptimisationHint.Figure;
import io.watchfloor.usage.OptimisationHint.Kind;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.UsageReport;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportHintsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ReportWindow NOVEMBER = ReportWindow.month(YearMonth.of(2026, 11), ZoneOffset.UTC);
    private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
    private static final long HOUR = 3_600_000L;

    private final FakeUsage usage = new FakeUsage();
    private List<PriceModel> prices = List.of();

    private List<OptimisationHint> hints(ReportKind kind) {
        var cfg = config(List.of(endpoint("chat", null, null)),
                List.of(new CustomerConfig("acme", "Acme", List.of("chat"), List.of("gpu-a1"), ZoneOffset.UTC)),
                prices, List.of());
        UsageReport r = new ReportBuilder(usage, (id, f, t) -> List.of(), IncidentHistory.NONE, cfg, CLOCK)
                .build(kind, ReportScope.customer("acme"), NOVEMBER);
        return r.hints();
    }

    private List<OptimisationHint> hints(Kind kind) {
        return hints(ReportKind.MONTHLY).stream().filter(h -> h.kind() == kind).toList();
    }

    private static String figure(OptimisationHint h, String label) {
        return h.figures().stream().filter(f -> f.label().equals(label)).map(Figure::value).findFirst().orElseThrow();
    }

    /** {@code hours} idle-held hours on GPU {@code gpu}, every other hour, so no stretch is longer than one hour. */
    private void scatteredIdle(int gpu, int hours) {
        for (int i = 0; i < hours; i++) {
            usage.gpu("gpu-a1", gpu, NOV.plusSeconds(2 * 3600L * i), HOUR, HOUR, 1, 30_720);
            usage.gpu("gpu-a1", gpu, NOV.plusSeconds(2 * 3600L * i + 3600), HOUR, 0, 90, 30_720);
        }
    }

    /** {@code hours} consecutive hours on GPU {@code gpu} with {@code idleShare} of each held idle. */
    private void idleStretch(int gpu, int hours, double idleShare) {
        for (int i = 0; i < hours; i++) {
            usage.gpu("gpu-a1", gpu, NOV.plusSeconds(3600L * i), HOUR, Math.round(idleShare * HOUR), 2, 10_240);
        }
    }

    @Test
    void aGpuIdleHeld24HoursInTotalIsFlaggedButNot23() {
        scatteredIdle(0, 24);
        scatteredIdle(1, 23);
        List<OptimisationHint> idle = hints(Kind.IDLE_GPU);
        assertEquals(List.of("gpu-a1/gpu0"), idle.stream().map(OptimisationHint::subject).toList());
        OptimisationHint h = idle.get(0);
        assertEquals("24.0 h", figure(h, "idle-held hours"));
        assertEquals("1 h", figure(h, "longest idle stretch"));
        assertEquals("45.5 %", figure(h, "mean utilisation"));
        assertEquals("30.0 GiB", figure(h, "mean memory held"));
        assertTrue(h.text().startsWith("gpu-a1/gpu0 held 30.0 GiB while under 5 % busy for 24 h"), h.text());
    }

    @Test
    void sixConsecutiveNinetyPercentIdleHoursAreFlagged() {
        idleStretch(0, 6, 0.9);
        idleStretch(1, 5, 1.0);
        idleStretch(2, 12, 0.89);
        List<OptimisationHint> idle = hints(Kind.IDLE_GPU);
        assertEquals(List.of("gpu-a1/gpu0"), idle.stream().map(OptimisationHint::subject).toList());
        assertEquals("6 h", figure(idle.get(0), "longest idle stretch"));
        assertEquals("5.4 h", figure(idle.get(0), "idle-held hours"));
    }

    @Test
    void anIdleGpuOnAPricedHostShowsWhatItsIdleTimeCost() {
        prices = List.of(price("dedicated", List.of(), List.of("gpu-a1"), table("2026-01-01", null, null, "4.00")));
        idleStretch(0, 6, 1.0);
        // gpu1 busy during the same 6 hours: the host's 6 h cost 24.00, half of its GPU time idle-held by gpu0
        for (int i = 0; i < 6; i++) {
            usage.gpu("gpu-a1", 1, NOV.plusSeconds(3600L * i), HOUR, 0, 95, 60_000);
        }
        OptimisationHint h = hints(Kind.IDLE_GPU).get(0);
        assertEquals("USD 12.00", figure(h, "instance-hour cost of the idle time"));
    }

    @Test
    void throttlingIsFlaggedFromTwoPercentAndAHundredThrottles() {
        usage.minute("chat", NOV, 5000, 0, 0, 0, 100, null)
                .minute("chat", OCT, 1000, 0, 0, 0, 5, null);
        List<OptimisationHint> t = hints(Kind.HIGH_THROTTLING);
        assertEquals(1, t.size());
        assertEquals("100", figure(t.get(0), "throttled"));
        assertEquals("5,000", figure(t.get(0), "requests"));
        assertEquals("2.00 %", figure(t.get(0), "throttled share"));
        assertEquals("0.50 %", figure(t.get(0), "previous period"));
    }

    @Test
    void throttlingBelowEitherThresholdIsNotFlagged() {
        usage.minute("chat", NOV, 4950, 0, 0, 0, 99, null);
        assertTrue(hints(Kind.HIGH_THROTTLING).isEmpty(), "2 % but only 99 throttles");
        usage.minutes.clear();
        usage.minute("chat", NOV, 5001, 0, 0, 0, 100, null);
        assertTrue(hints(Kind.HIGH_THROTTLING).isEmpty(), "100 throttles but under 2 %");
    }

    @Test
    void aP95TwentyPercentAndFiftyMsSlowerIsALatencyRegression() {
        usage.minute("chat", OCT, 100, 0, 0, 0, 0, 250.0).minute("chat", NOV, 100, 0, 0, 0, 0, 300.0);
        List<OptimisationHint> l = hints(Kind.LATENCY_REGRESSION);
        assertEquals(1, l.size());
        assertEquals("250 ms", figure(l.get(0), "previous p95"));
        assertEquals("300 ms", figure(l.get(0), "p95"));
        assertEquals("+50 ms (+20 %)", figure(l.get(0), "change"));
    }

    @Test
    void smallerLatencyRisesAreNotFlagged() {
        usage.minute("chat", OCT, 100, 0, 0, 0, 0, 250.0).minute("chat", NOV, 100, 0, 0, 0, 0, 299.0);
        assertTrue(hints(Kind.LATENCY_REGRESSION).isEmpty(), "+49 ms");
        usage.minutes.clear();
        usage.minute("chat", OCT, 100, 0, 0, 0, 0, 1000.0).minute("chat", NOV, 100, 0, 0, 0, 0, 1190.0);
        assertTrue(hints(Kind.LATENCY_REGRESSION).isEmpty(), "+190 ms but only +19 %");
    }

    @Test
    void weeklyReportsHaveNoHints() {
        scatteredIdle(0, 30);
        usage.minute("chat", NOV, 5000, 0, 0, 0, 500, null);
        assertTrue(hints(ReportKind.WEEKLY).isEmpty());
        assertEquals(2, hints(ReportKind.MONTHLY).size());
    }
}
