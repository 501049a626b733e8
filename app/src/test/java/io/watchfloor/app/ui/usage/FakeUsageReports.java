package io.watchfloor.app.ui.usage;

import io.watchfloor.usage.CostLine;
import io.watchfloor.usage.EndpointUsage;
import io.watchfloor.usage.IncidentSummary;
import io.watchfloor.usage.OptimisationHint;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.SlaSummary;
import io.watchfloor.usage.TrendMetric;
import io.watchfloor.usage.TrendSeries;
import io.watchfloor.usage.UsageFigures;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.UsageReports;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hand-made reports: customer acme has two endpoints with data in every period (monthly figures are four times the
 * weekly ones, each period 10 % above the one before); customer contoso has none. Records what was asked.
 */
final class FakeUsageReports implements UsageReports {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z"); // a Wednesday, week 48
    static final ReportScope ACME = ReportScope.customer("acme");
    static final ReportScope CONTOSO = ReportScope.customer("contoso");
    static final ReportScope LLAMA = ReportScope.endpoint("llama-70b");
    private static final LocalDate ANCHOR = LocalDate.of(2026, 11, 16);

    final List<String> built = Collections.synchronizedList(new ArrayList<>());
    volatile RuntimeException failWith;

    @Override
    public List<ReportScope> scopes() {
        return List.of(ACME, CONTOSO, LLAMA);
    }

    @Override
    public UsageReport build(ReportKind kind, ReportScope scope, ReportWindow window) {
        built.add(kind.wireName() + " " + scope.id() + " " + window.firstDay());
        if (failWith != null) {
            throw failWith;
        }
        return scope.equals(CONTOSO) ? empty(kind, scope, window) : report(kind, scope, window);
    }

    @Override
    public TrendSeries trend(ReportScope scope, ReportWindow window, String subject, TrendMetric metric, long step) {
        return series(window, metric, 1);
    }

    /** Periods after 16 Nov 2026 grow by 10 % each (weeks), months likewise. */
    static double growth(ReportWindow w) {
        long periods = w.shape() == ReportWindow.Shape.MONTH
                ? (w.firstDay().getYear() * 12L + w.firstDay().getMonthValue()) - (2026 * 12L + 11)
                : (w.firstDay().toEpochDay() - ANCHOR.toEpochDay()) / 7;
        return Math.pow(1.1, periods);
    }

    static UsageReport report(ReportKind kind, ReportScope scope, ReportWindow window) {
        double scale = (kind == ReportKind.MONTHLY ? 4 : 1) * growth(window);
        double prevScale = (kind == ReportKind.MONTHLY ? 4 : 1) * growth(window.previous());
        List<EndpointUsage> endpoints = List.of(
                endpoint("llama-70b", "Llama 70B chat", 120_000 * scale, 120_000 * prevScale, 99.97, window),
                endpoint("mistral-tgi", "Mistral TGI", 450_000 * scale, 450_000 * prevScale, 99.2, window));
        if (scope.kind() == ReportScope.Kind.ENDPOINT) {
            endpoints = endpoints.subList(0, 1);
        }
        UsageFigures totals = sum(endpoints.stream().map(EndpointUsage::usage).toList());
        UsageFigures previous = sum(endpoints.stream().map(EndpointUsage::previous).toList());
        List<TrendSeries> trends = new ArrayList<>();
        for (TrendMetric m : List.of(TrendMetric.REQUESTS, TrendMetric.TOKENS_IN, TrendMetric.TOKENS_OUT,
                TrendMetric.P50_MS, TrendMetric.P95_MS)) {
            trends.add(series(window, m, scale));
        }
        List<OptimisationHint> hints = kind == ReportKind.MONTHLY ? List.of(new OptimisationHint(
                OptimisationHint.Kind.IDLE_GPU, "gpu-a1/gpu3", "gpu-a1 GPU 3 held 38 GiB while under 5 % busy for 212 h",
                List.of(new OptimisationHint.Figure("idle-held hours", "212.0 h")))) : List.of();
        return new UsageReport(kind, scope, scope.equals(ACME) ? "Acme Corp" : scope.id(), window,
                window.to().plusSeconds(3600), endpoints, totals, previous, List.of(), trends,
                List.of(new IncidentSummary("INC-7", "llama-70b 5xx storm", "P1", "resolved",
                        window.from().plusSeconds(86_400), window.from().plusSeconds(90_000), List.of("llama-70b"),
                        1_260)),
                hints, List.of("12 h without data on " + window.firstDay().plusDays(2)));
    }

    static UsageReport empty(ReportKind kind, ReportScope scope, ReportWindow window) {
        return new UsageReport(kind, scope, "Contoso", window, NOW, List.of(), UsageFigures.NONE, UsageFigures.NONE,
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static EndpointUsage endpoint(String id, String name, double requests, double previousRequests,
                                          double uptime, ReportWindow w) {
        UsageFigures now = figures(requests, 180 + requests / 10_000);
        UsageFigures before = figures(previousRequests, 170 + previousRequests / 10_000);
        double length = w.length().toSeconds();
        double down = length * (100 - uptime) / 100;
        SlaSummary sla = new SlaSummary(99.9, length - down, down, 0, 0, uptime, length * 0.001, down);
        CostLine cost = new CostLine(id, "m", CostLine.Basis.TOKENS_IN, LocalDate.of(2026, 1, 1), w.firstDay(),
                w.lastDay(), now.tokensIn(), new BigDecimal("0.0005"), "USD",
                BigDecimal.valueOf(now.tokensIn() / 1000 * 0.0005).setScale(2, java.math.RoundingMode.HALF_EVEN));
        return new EndpointUsage(id, name, name, now, before, sla, List.of(cost));
    }

    private static UsageFigures figures(double requests, double p50) {
        return new UsageFigures(requests, requests * 900, requests * 300, requests * 0.004, requests * 0.01, p50,
                p50 * 3.2, null, 10_000, 80);
    }

    private static UsageFigures sum(List<UsageFigures> all) {
        double r = 0, ti = 0, to = 0, e = 0, t = 0, p50 = 0, p95 = 0;
        long cov = 0, gap = 0;
        for (UsageFigures f : all) {
            r += f.requests();
            ti += f.tokensIn();
            to += f.tokensOut();
            e += f.errors();
            t += f.throttles();
            p50 += f.p50Ms() * f.requests();
            p95 += f.p95Ms() * f.requests();
            cov += f.coveredMinutes();
            gap += f.gapMinutes();
        }
        return new UsageFigures(r, ti, to, e, t, p50 / r, p95 / r, null, cov, gap);
    }

    private static TrendSeries series(ReportWindow w, TrendMetric m, double scale) {
        int hours = (int) w.length().toHours();
        long[] starts = new long[hours];
        double[] values = new double[hours];
        for (int i = 0; i < hours; i++) {
            starts[i] = w.from().toEpochMilli() + i * 3_600_000L;
            double daily = 1 + 0.6 * Math.sin((i % 24) / 24.0 * 2 * Math.PI - Math.PI / 2);
            double base = switch (m) {
                case P50_MS -> 180;
                case P95_MS -> 560;
                case TOKENS_IN -> 2_000_000 * scale;
                case TOKENS_OUT -> 700_000 * scale;
                default -> 3_500 * scale;
            };
            values[i] = i >= 50 && i < 62 ? Double.NaN : base * (m.unit().equals("ms") ? 1 + 0.2 * daily : daily);
        }
        return new TrendSeries("", m, 3_600_000L, starts, values);
    }
}
