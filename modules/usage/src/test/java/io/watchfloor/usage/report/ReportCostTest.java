package io.watchfloor.usage.report;

import static io.watchfloor.usage.report.Fixtures.config;
import static io.watchfloor.usage.report.Fixtures.endpoint;
import static io.watchfloor.usage.report.Fixtures.price;
import static io.watchfloor.usage.report.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.watchfloor.config.CustomerConfig;
import io.watchfloor.config.PriceModel;
import io.watchfloor.usage.CostLine;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.UsageReport;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportCostTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ReportWindow NOVEMBER = ReportWindow.month(YearMonth.of(2026, 11), BERLIN);

    private final FakeUsage usage = new FakeUsage();

    private UsageReport november(List<PriceModel> prices) {
        var cfg = config(List.of(endpoint("chat", null, null), endpoint("free", null, null)),
                List.of(new CustomerConfig("acme", "Acme", List.of("chat", "free"), List.of(), BERLIN)), prices,
                List.of());
        return new ReportBuilder(usage, (id, f, t) -> List.of(), IncidentHistory.NONE, cfg, CLOCK)
                .build(ReportKind.MONTHLY, ReportScope.customer("acme"), NOVEMBER);
    }

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void tokensArePricedByTheTableInForceOnEachDayToTheCent() {
        // the new table applies from 00:00 Berlin on 16 Nov = 15 Nov 23:00 UTC
        usage.minute("chat", t("2026-11-05T10:00:00Z"), 10, 1_234_567, 200_000, 0, 0, null)
                .minute("chat", t("2026-11-15T22:59:00Z"), 10, 2_500, 0, 0, 0, null)
                .minute("chat", t("2026-11-15T23:00:00Z"), 10, 500_001, 333_333, 0, 0, null);
        UsageReport r = november(List.of(price("gpt-4o", List.of("chat"), List.of(),
                table("2026-10-01", "0.0025", "0.01", null), table("2026-11-16", "0.002", "0.008", null))));
        List<CostLine> lines = r.endpoints().get(0).cost();
        assertEquals(4, lines.size(), lines.toString());
        // (1,234,567 + 2,500) x 0.0025 / 1000 = 3.0926675 -> 3.09
        assertLine(lines.get(0), CostLine.Basis.TOKENS_IN, 1_237_067, "0.0025", "3.09", "2026-10-01", "2026-11-01",
                "2026-11-15");
        // 200,000 x 0.01 / 1000 = 2.00
        assertLine(lines.get(1), CostLine.Basis.TOKENS_OUT, 200_000, "0.01", "2.00", "2026-10-01", "2026-11-01",
                "2026-11-15");
        // 500,001 x 0.002 / 1000 = 1.000002 -> 1.00
        assertLine(lines.get(2), CostLine.Basis.TOKENS_IN, 500_001, "0.002", "1.00", "2026-11-16", "2026-11-16",
                "2026-11-30");
        // 333,333 x 0.008 / 1000 = 2.666664 -> 2.67
        assertLine(lines.get(3), CostLine.Basis.TOKENS_OUT, 333_333, "0.008", "2.67", "2026-11-16", "2026-11-16",
                "2026-11-30");
        assertEquals(Map.of("USD", new BigDecimal("8.76")), r.costTotals());
        assertTrue(r.notes().contains("no price table for free: its cost is not in the report"), r.notes().toString());
    }

    @Test
    void linesRoundHalfEven() {
        // 2,500 x 0.002 / 1000 = 0.005 exactly: half-even gives 0.00 (half-up would say 0.01)
        usage.minute("chat", t("2026-11-05T10:00:00Z"), 1, 2_500, 7_500, 0, 0, null);
        UsageReport r = november(List.of(price("m", List.of("chat"), List.of(),
                table("2026-01-01", "0.002", "0.002", null))));
        assertEquals(new BigDecimal("0.00"), r.endpoints().get(0).cost().get(0).amount());
        // 7,500 x 0.002 / 1000 = 0.015 -> 0.02
        assertEquals(new BigDecimal("0.02"), r.endpoints().get(0).cost().get(1).amount());
    }

    @Test
    void theWindowBeforeTheFirstTableIsNotPricedAndSaysSo() {
        usage.minute("chat", t("2026-11-05T10:00:00Z"), 1, 1_000_000, 0, 0, 0, null)
                .minute("chat", t("2026-11-12T10:00:00Z"), 1, 2_000, 0, 0, 0, null);
        UsageReport r = november(List.of(price("m", List.of("chat"), List.of(),
                table("2026-11-10", "0.5", null, null))));
        List<CostLine> lines = r.endpoints().get(0).cost();
        assertEquals(1, lines.size(), "no output price, and nothing before 10 Nov");
        assertEquals(2_000, lines.get(0).quantity());
        assertEquals(new BigDecimal("1.00"), lines.get(0).amount());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("no price for chat before 2026-11-10")),
                r.notes().toString());
    }

    @Test
    void instanceHoursAreTheHostsObservedHoursPerTable() {
        // before the change (Berlin 16 Nov = 15 Nov 23:00 UTC): two hours, each seen fully by gpu0 -> 2 h
        usage.gpu("gpu-a1", 0, t("2026-11-15T21:00:00Z"), 3_600_000, 0, 80, 1000)
                .gpu("gpu-a1", 1, t("2026-11-15T21:00:00Z"), 1_800_000, 0, 80, 1000)
                .gpu("gpu-a1", 0, t("2026-11-15T22:00:00Z"), 3_600_000, 0, 80, 1000)
                // after: gpu1 was seen 45 min, gpu0 30 min -> 0.75 h
                .gpu("gpu-a1", 0, t("2026-11-15T23:00:00Z"), 1_800_000, 0, 80, 1000)
                .gpu("gpu-a1", 1, t("2026-11-15T23:00:00Z"), 2_700_000, 0, 80, 1000)
                // another customer's host is not in scope
                .gpu("gpu-b9", 0, t("2026-11-15T23:00:00Z"), 3_600_000, 0, 80, 1000);
        UsageReport r = november(List.of(price("llama-dedicated", List.of("chat"), List.of("gpu-a1"),
                        table("2026-10-01", null, null, "2.50"), table("2026-11-16", null, null, "3.00")),
                price("other", List.of(), List.of("gpu-b9"), table("2026-10-01", null, null, "9.00"))));
        List<CostLine> hosts = r.hostCost();
        assertEquals(2, hosts.size(), hosts.toString());
        assertEquals(2.0, hosts.get(0).quantity(), 1e-12);
        assertEquals(new BigDecimal("5.00"), hosts.get(0).amount());
        assertEquals(0.75, hosts.get(1).quantity(), 1e-12);
        assertEquals(new BigDecimal("2.25"), hosts.get(1).amount());
        assertEquals("gpu-a1", hosts.get(1).subject());
        assertEquals(CostLine.Basis.INSTANCE_HOURS, hosts.get(1).basis());
        assertEquals(new BigDecimal("7.25"), r.costTotals().get("USD"));
        assertTrue(r.hasData(), "host hours alone are data");
    }

    private static void assertLine(CostLine l, CostLine.Basis basis, double quantity, String unit, String amount,
                                   String priceFrom, String periodFrom, String periodTo) {
        assertEquals(basis, l.basis());
        assertEquals(quantity, l.quantity(), 1e-9);
        assertEquals(new BigDecimal(unit), l.unitPrice());
        assertEquals(new BigDecimal(amount), l.amount());
        assertEquals(LocalDate.parse(priceFrom), l.priceFrom());
        assertEquals(LocalDate.parse(periodFrom), l.periodFrom());
        assertEquals(LocalDate.parse(periodTo), l.periodTo());
        assertEquals("chat", l.subject());
    }
}
